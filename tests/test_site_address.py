"""The site's address printed in QR codes, PDF footers and e-mails follows the port the portal
was started on when SITE_URL is not set (issue 17, item 16)."""

from pathlib import Path

from tests.test_settings import manage

ROOT = Path(__file__).resolve().parent.parent
PRINT_SITE_URL = "from django.conf import settings; print(settings.SITE_URL)"


def test_without_site_url_the_address_follows_the_port(tmp_path):
    result = manage(
        "shell", "-c", PRINT_SITE_URL, DEBUG="1", VAR_DIR=str(tmp_path), SITE_URL="", PORT="8401"
    )
    assert result.stdout.strip().splitlines()[-1] == "http://127.0.0.1:8401", result.stderr


def test_without_a_port_it_is_the_development_servers_own(tmp_path):
    result = manage("shell", "-c", PRINT_SITE_URL, DEBUG="1", VAR_DIR=str(tmp_path), SITE_URL="",
                    PORT="")  # fmt: skip
    assert result.stdout.strip().splitlines()[-1] == "http://127.0.0.1:8000", result.stderr


def test_a_site_url_set_wins_over_the_port(tmp_path):
    result = manage("shell", "-c", PRINT_SITE_URL, DEBUG="1", VAR_DIR=str(tmp_path),
                    SITE_URL="https://ita.example.go.th", PORT="8401")  # fmt: skip
    assert result.stdout.strip().splitlines()[-1] == "https://ita.example.go.th", result.stderr


def test_run_portal_hands_its_port_to_the_server_and_the_worker():
    """The web server and the worker are separate processes: both read PORT from the
    environment, so the script exports it before starting either."""
    script = (ROOT / "bin" / "run-portal").read_text()
    export = script.index('export PORT="${PORT:-8000}"')
    assert export < script.index("manage.py worker") < script.index("manage.py runserver")
