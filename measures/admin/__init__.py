"""The admin of what is tracked. Every save goes through the writers (measures/services); the
pages are scoped to the person's organisations (organisations/admin_base.py)."""

from . import plan, progress  # noqa: F401  (registers the admins)
