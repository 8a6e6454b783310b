"""Measures, steps, progress, evidence, ITA results, publications and signature images have one
writer each (tests/write_guard.py names them), and nothing else in the project writes those
rows: at run time every test is guarded, and no module of any app outside the writers even
names a bulk or queryset write of them."""

import ast

import pytest

from measures.models import ProgressEntry
from tests.test_architecture import PROJECT
from tests.write_guard import GUARDED, ROOT, WRITERS, one_writer_per_record

pytestmark = pytest.mark.django_db

GUARDED_NAMES = {model.__name__ for model in GUARDED}
WRITE_METHODS = {
    "create", "get_or_create", "update_or_create", "bulk_create", "bulk_update", "update",
    "delete",
}  # fmt: skip


def test_a_direct_save_from_another_module_is_caught(demo):
    entry = ProgressEntry.objects.filter(period=1).first()
    # The code of a view that saves an entry itself, as measures/views.py would if it did.
    code = compile(
        "entry.result = 'แก้ตรง'\nentry.save()", str(ROOT / "measures" / "views.py"), "exec"
    )
    with one_writer_per_record() as violations:
        exec(code, {"entry": entry})
    assert violations and "measures/views.py" in violations[0]


def test_the_writers_themselves_pass(demo, django_user_model):
    from measures.services.progress import progress_save

    entry = ProgressEntry.objects.filter(period=1).select_related("measure").first()
    with one_writer_per_record() as violations:
        progress_save(
            measure=entry.measure, period=1, by=django_user_model.objects.get(username="analyst"),
            version=entry.version, status="done", result="ผ่านผู้เขียน",
        )  # fmt: skip
    assert violations == []


def test_no_module_outside_the_writers_writes_them_in_bulk():
    offenders = []
    for package in PROJECT:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts or path in WRITERS:
                continue
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if _is_guarded_write(node):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def _is_guarded_write(node) -> bool:
    """`Model.objects.<write>(...)` or `Model.objects.filter(...).<write>(...)` on a guarded
    model."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return False
    if node.func.attr not in WRITE_METHODS:
        return False
    target = node.func.value
    while isinstance(target, ast.Call | ast.Attribute):
        target = target.func if isinstance(target, ast.Call) else target.value
    return isinstance(target, ast.Name) and target.id in GUARDED_NAMES


def test_the_scan_reads_every_app_of_the_project():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps <= set(PROJECT)
