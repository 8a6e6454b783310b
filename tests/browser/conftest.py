"""Real Chromium (Debian's package) driven by Playwright against the live test server."""

import importlib
import os
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from playwright.sync_api import sync_playwright

from measures.demo import load_demo, read_demo_fixture
from reports.demo import load_demo_report

seeded_years = importlib.import_module("assessments.migrations.0003_assessment_years_2566_to_2569")
analysis_of_2566 = importlib.import_module("assessments.migrations.0004_analysis_of_2566")

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "ita-demo-2566"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is needed for browser tests: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        )  # fmt: skip
        yield browser
        browser.close()


@pytest.fixture
def live_demo(transactional_db, live_server, settings):
    settings.AXES_ENABLED = False
    # A transactional test empties the database after it, data migrations' rows included.
    seeded_years.add_years(apps, None)
    analysis_of_2566.add_item(apps, None)
    data = read_demo_fixture()
    result = load_demo(data)
    report = load_demo_report(data, result.fiscal_year)
    return live_server.url, report


@pytest.fixture
def artifacts(request):
    folder = ARTIFACTS / request.node.name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


class Person:
    """One demo user in their own browser context."""

    def __init__(self, browser, base_url, username, width=1100):
        self.context = browser.new_context(
            viewport={"width": width, "height": 900}, locale="th-TH", accept_downloads=True
        )
        self.page = self.context.new_page()
        # What the Content-Security-Policy blocked: a page that needs it is broken for people.
        self.blocked = []
        self.page.on(
            "console",
            lambda message: (
                self.blocked.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )
        self.base_url = base_url
        self.page.goto(f"{base_url}/accounts/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.page.click("button[type=submit]")
        self.page.wait_for_url(f"{base_url}/")

    def go(self, path):
        self.page.goto(f"{self.base_url}{path}")
        return self.page

    def close(self):
        self.context.close()


@pytest.fixture
def sign_in(browser, live_demo):
    people = []
    base_url, _ = live_demo

    def open_as(username, **kwargs):
        person = Person(browser, base_url, username, **kwargs)
        people.append(person)
        return person

    yield open_as
    blocked = [text for person in people for text in person.blocked]
    for person in people:
        person.close()
    assert blocked == [], "the Content-Security-Policy blocked what a page needs"
