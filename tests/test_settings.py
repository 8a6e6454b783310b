import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    # A clean production-like environment: the project's own settings, not the test database,
    # the test suite's DEBUG or the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE.
    ignored = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE", "DEBUG"}
    environment = {key: value for key, value in os.environ.items() if key not in ignored}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


def production_env(tmp_path):
    return {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "ita.example.go.th",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "VAR_DIR": str(tmp_path),
    }


def test_check_deploy_reports_nothing_with_production_values(tmp_path):
    result = manage("check", "--deploy", "--fail-level", "WARNING", **production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_env(tmp_path)
    env["SECRET_KEY"] = ""
    result = manage("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_settings_are_thai_and_bangkok():
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "th"
    assert settings.TIME_ZONE == "Asia/Bangkok"


@pytest.mark.parametrize(
    "url, engine",
    [
        ("postgres://ita:secret@db.example:5432/ita", "django.db.backends.postgresql"),
        ("sqlite:////tmp/ita.sqlite3", "django.db.backends.sqlite3"),
    ],
)
def test_database_comes_from_database_url(url, engine, tmp_path):
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    result = manage("shell", "-c", code, DATABASE_URL=url, VAR_DIR=str(tmp_path), DEBUG="1")
    assert result.stdout.strip().endswith(engine), result.stderr


def test_debug_is_off_when_the_environment_says_nothing(tmp_path):
    code = "from django.conf import settings; print('DEBUG', settings.DEBUG)"
    env = {"SECRET_KEY": secrets.token_urlsafe(50), "VAR_DIR": str(tmp_path)}
    result = manage("shell", "-c", code, **env)
    assert result.stdout.strip().endswith("DEBUG False"), result.stderr


def test_without_debug_or_a_secret_key_nothing_starts(tmp_path):
    result = manage("check", VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_reading_the_settings_creates_no_folder(tmp_path):
    missing = tmp_path / "not-yet"
    result = manage("shell", "-c", "print('read')", VAR_DIR=str(missing), DEBUG="1")
    assert result.stdout.strip().endswith("read"), result.stderr
    assert not missing.exists()


def test_the_largest_request_follows_the_largest_evidence_file(tmp_path):
    code = "from django.conf import settings; print(settings.REQUEST_MAX_BYTES)"
    result = manage(
        "shell", "-c", code, VAR_DIR=str(tmp_path), DEBUG="1", EVIDENCE_MAX_BYTES="1000"
    )
    assert result.stdout.strip().endswith(str(1000 + 2 * 1024 * 1024)), result.stderr
