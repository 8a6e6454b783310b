import io

import pytest
from django.conf import settings
from django.core.management import call_command

from measures.demo import load_demo, read_demo_fixture
from measures.models import FiscalYear, Measure
from organisations.models import Division, Organisation
from reports.demo import load_demo_report
from tests.cast import build_cast
from tests.write_guard import one_writer_per_record


def pytest_configure(config):
    # Demo users are many; the production hasher would spend seconds on every test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def only_writers_write():
    """Measures, steps, progress and evidence are written by their writers only."""
    with one_writer_per_record() as violations:
        yield
    assert not violations, "written outside measures/services:\n" + "\n".join(violations)


@pytest.fixture(scope="session")
def demo_certificate_folder(tmp_path_factory):
    from reports.pdf.signing import make_demo_certificate

    folder = tmp_path_factory.mktemp("signing")
    make_demo_certificate(folder)
    return folder


@pytest.fixture(autouse=True)
def signing_certificates(settings, demo_certificate_folder):
    """The deployment's demo certificate, made once for the whole run."""
    settings.SIGNING_DIR = demo_certificate_folder
    settings.SIGNING_TSA_URL = ""


@pytest.fixture(autouse=True)
def files_in_a_temporary_folder(settings, tmp_path_factory):
    """Uploads and documents made by tests never land in the developer's var/."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path_factory.mktemp("documents"))},
        },
    }


@pytest.fixture
def demo_data():
    return read_demo_fixture()


@pytest.fixture
def demo(db, demo_data):
    """The seed organisation อบต.เกียร์ with its 2566 plan and one user per role."""
    return load_demo(demo_data)


@pytest.fixture
def demo_report(demo, demo_data):
    """The seed's first-half report of the demo plan, a draft."""
    return load_demo_report(demo_data, demo.fiscal_year)


@pytest.fixture
def cast(db):
    """Two organisations and the people of tests/cast.py."""
    return build_cast()


@pytest.fixture
def other_organisation(db):
    """A second organisation whose people must see nothing of the first."""
    organisation = Organisation.objects.create(
        name="เทศบาลตำบลตัวอย่าง",
        short_name="ทต.ตัวอย่าง",
    )
    division = Division.objects.create(organisation=organisation, name="สำนักปลัด", order=1)
    fiscal_year = FiscalYear.objects.create(organisation=organisation, year=2566)
    measure = Measure.objects.create(fiscal_year=fiscal_year, number=1, title="มาตรการของหน่วยงานอื่น")
    measure.divisions.add(division)
    return organisation


def database_state() -> str:
    """Every row of the portal's own tables, to show that something changed nothing."""
    output = io.StringIO()
    call_command("dumpdata", "measures", "reports", stdout=output)
    return output.getvalue()
