"""The README's two `import_measures` commands, run as a newcomer copies them after
`load_demo`: the files they name are in the repository, the dry run writes nothing, and the
second writes the table with the status it was given."""

import shlex
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from measures.models import FiscalYear, ProgressEntry

pytestmark = pytest.mark.django_db

PREFIX = "DEBUG=1 .venv/bin/python manage.py import_measures "


def readme_commands() -> list[list[str]]:
    readme = Path(settings.BASE_DIR, "README.md").read_text(encoding="utf-8")
    lines = [line for line in readme.splitlines() if line.startswith(PREFIX)]
    return [shlex.split(line.removeprefix(PREFIX)) for line in lines]


def test_the_readmes_import_commands_run_as_written(demo, capsys, monkeypatch):
    monkeypatch.chdir(settings.BASE_DIR)
    preview, write = readme_commands()
    call_command("import_measures", *preview)
    out = capsys.readouterr().out
    assert "ตัวอย่าง (ยังไม่ได้บันทึก): สร้างใหม่ ๑๗ แก้ไข ๐ ไม่เปลี่ยนแปลง ๐" in out
    assert not FiscalYear.objects.filter(year=2567).exists()
    call_command("import_measures", *write)
    assert "นำเข้าแล้ว: สร้างใหม่ ๓ แก้ไข ๐ ไม่เปลี่ยนแปลง ๐" in capsys.readouterr().out
    entries = ProgressEntry.objects.filter(measure__fiscal_year__year=2567, period=1)
    assert sorted(entries.values_list("measure__number", "status")) == [
        (1, "done"), (2, "in_progress"), (3, "done"),
    ]  # fmt: skip
