"""ARCHITECTURE.md says which app may import which, and that modules stay small: true here."""

import ast

import pytest

from tests.write_guard import ROOT

LAYERS = [
    "thai", "organisations", "assessments", "measures", "reports", "publishing", "oversight",
    "operations",
]  # fmt: skip
PROJECT = [*LAYERS, "ita_portal"]


def modules(package):
    for path in (ROOT / package).rglob("*.py"):
        if "migrations" not in path.parts:
            yield path


def imported_packages(path):
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in PROJECT:
                yield top, node.lineno


@pytest.mark.parametrize("package", LAYERS)
def test_an_app_imports_only_the_apps_below_it(package):
    allowed = set(LAYERS[: LAYERS.index(package) + 1])
    upward = [
        f"{path.relative_to(ROOT)}:{line} imports {top}"
        for path in modules(package)
        for top, line in imported_packages(path)
        if top not in allowed
    ]
    assert upward == []


def test_no_module_is_over_400_lines():
    long = [
        f"{path.relative_to(ROOT)}: {lines} lines"
        for package in [*PROJECT, "tests", "bench"]
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts and (lines := len(path.read_text().splitlines())) > 400
    ]
    assert long == []
