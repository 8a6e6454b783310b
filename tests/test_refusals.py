"""A refusal says why, once (organisations/refusals.py): writers raise one type, Refusal, with
the reason their permissions module gave, and every page and admin page catches that type only,
showing it with show_refusal. No view translates another exception into a message of its own."""

import ast
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver

from tests.write_guard import ROOT

# Where the writers live: a call to a function imported from one of these is a write.
WRITER_MODULES = ("services", "workflow", "plans", "imports")
# What no page may catch: the writers' refusal comes as Refusal, whatever refused.
NEVER_CAUGHT = {
    "ValidationError", "IntegrityError", "PermissionDenied", "NotAllowed", "WorkflowError",
    "Exception", "BaseException",
}  # fmt: skip


def _callbacks(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _callbacks(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            callback = pattern.callback
            yield getattr(callback, "view_class", None) or callback


def page_modules() -> set[Path]:
    """The project's modules that answer a request: every view the URLs lead to, and every
    admin page (with the classes it stands on)."""
    classes = [*_callbacks(get_resolver().url_patterns)]
    for model_admin in admin.site._registry.values():
        classes.extend(type(model_admin).__mro__)
        for inline in model_admin.inlines:
            classes.extend(inline.__mro__)
    project_apps = [
        Path(config.path)
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(ROOT) and ".venv" not in Path(config.path).parts
    ]
    found = {
        path
        for app in project_apps
        for path in app.rglob("*.py")
        if "admin" in path.parts or "views" in path.parts or path.stem.endswith(("admin", "views"))
    }
    for thing in classes:
        module = sys.modules.get(getattr(thing, "__module__", None) or "")
        path = Path(getattr(module, "__file__", None) or "/")
        if path.is_relative_to(ROOT) and ".venv" not in path.parts:
            found.add(path)
    return found


def writer_names(tree) -> set[str]:
    """Names the module imported from a writers' module (a function, or the module itself)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            last = node.module.split(".")[-1]
            if last in WRITER_MODULES or ".services" in f".{node.module}":
                names.update(alias.asname or alias.name for alias in node.names)
            names.update(
                alias.asname or alias.name for alias in node.names if alias.name in WRITER_MODULES
            )
    return names


def _calls_a_writer(body, writers) -> bool:
    for node in ast.walk(ast.Module(body=body, type_ignores=[])):
        if isinstance(node, ast.Call):
            target = node.func
            while isinstance(target, ast.Attribute):
                target = target.value
            if isinstance(target, ast.Name) and target.id in writers:
                return True
    return False


def _caught(handler) -> list[str]:
    if handler.type is None:
        return ["(bare except)"]
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return [ast.unparse(kind).split(".")[-1] for kind in types]


def offences(source: str, filename: str) -> list[str]:
    tree = ast.parse(source, filename)
    writers = writer_names(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Try):
            continue
        writes = _calls_a_writer(node.body, writers)
        for handler in node.handlers:
            caught = _caught(handler)
            wrong = [name for name in caught if name in NEVER_CAUGHT or name.startswith("(")]
            if writes:
                wrong = [name for name in caught if name != "Refusal"]
            if wrong:
                found.append(f"{filename}:{handler.lineno} catches {', '.join(wrong)}")
    return found


def test_the_scan_finds_every_page():
    names = {path.relative_to(ROOT).as_posix() for path in page_modules()}
    assert {
        "measures/views.py", "measures/plan_views.py", "measures/admin/progress.py",
        "reports/views/pages.py", "reports/admin.py", "publishing/views.py",
        "assessments/views.py", "organisations/people.py", "organisations/admin_base.py",
    } <= names  # fmt: skip


def test_a_page_that_translates_a_writers_exception_is_caught():
    source = (
        "from organisations.services import membership_save\n"
        "from reports import workflow\n"
        "def view(request):\n"
        "    try:\n"
        "        membership_save(membership=None, username='x', divisions=[], by=None)\n"
        "    except ValidationError as error:\n"
        "        pass\n"
        "    try:\n"
        "        workflow.report_submit(None, by=None, confirmation=None)\n"
        "    except (Refusal, KeyError):\n"
        "        pass\n"
        "    try:\n"
        "        open('x')\n"
        "    except IntegrityError:\n"
        "        pass\n"
    )
    assert offences(source, "view.py") == [
        "view.py:6 catches ValidationError",
        "view.py:10 catches KeyError",
        "view.py:14 catches IntegrityError",
    ]


@pytest.mark.parametrize(
    "path", sorted(page_modules()), ids=lambda path: path.relative_to(ROOT).as_posix()
)
def test_pages_and_admin_pages_catch_only_the_one_refusal(path):
    assert offences(path.read_text(), str(path.relative_to(ROOT))) == []


def lookups_then_checks(source: str, filename: str) -> list[str]:
    """A page that fetches an object (get_object_or_404) and then asks a rule whether the person
    may see it, raising Http404 itself: organisations.lookups.visible_or_404 does both at once."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        body = getattr(node, "body", None)
        if not isinstance(body, list):
            continue
        for fetch, check in zip(body, body[1:], strict=False):
            fetched = (
                isinstance(fetch, ast.Assign)
                and isinstance(fetch.value, ast.Call)
                and ast.unparse(fetch.value.func).endswith("get_object_or_404")
            )
            refuses = (
                isinstance(check, ast.If)
                and isinstance(check.test, ast.UnaryOp)
                and isinstance(check.test.op, ast.Not)
                and any("Http404" in ast.unparse(each) for each in check.body)
            )
            if fetched and refuses:
                found.append(f"{filename}:{fetch.lineno} fetches, then checks and raises 404")
    return found


def test_a_page_that_fetches_then_checks_is_caught():
    source = (
        "def view(request, pk):\n"
        "    organisation = get_object_or_404(Organisation, pk=pk)\n"
        "    if not access.supervises(request.user, organisation):\n"
        "        raise Http404('x')\n"
        "    year = get_object_or_404(AssessmentYear, year=pk)\n"
        "    return year\n"
    )
    assert lookups_then_checks(source, "view.py") == [
        "view.py:2 fetches, then checks and raises 404"
    ]


@pytest.mark.parametrize(
    "path", sorted(page_modules()), ids=lambda path: path.relative_to(ROOT).as_posix()
)
def test_pages_find_what_the_person_may_see_with_one_lookup(path):
    assert lookups_then_checks(path.read_text(), str(path.relative_to(ROOT))) == []
