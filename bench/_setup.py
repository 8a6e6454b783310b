"""Benchmarks run the portal against their own temporary SQLite database."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def temporary_django(prefix: str) -> Path:
    """Set Django up on a fresh database in a temporary folder, migrated; return the folder."""
    sys.path.insert(0, str(ROOT))
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ita_portal.settings")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["VAR_DIR"] = str(workdir)
    os.environ.setdefault("DEBUG", "1")  # a development run: no production secrets needed

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return workdir


def in_own_process(script: Path, *arguments: str) -> dict:
    """Run `script` with `arguments` in a new Python process (so that its memory is its own) and
    return the JSON object its last line prints; exit with its error output if it fails."""
    import json
    import subprocess

    child = subprocess.run(
        [sys.executable, str(script), *arguments], capture_output=True, text=True,
        env={**os.environ}, timeout=600,
    )  # fmt: skip
    if child.returncode:
        sys.exit(child.stderr)
    return json.loads(child.stdout.strip().splitlines()[-1])
