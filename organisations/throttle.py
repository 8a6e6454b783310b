"""Counting what one sender does in a window of time (the "throttle" cache: a database table, so
every gunicorn worker shares the count)."""

from django.core.cache import caches


def over_limit(key: str, limit: int, seconds: int) -> bool:
    """Count one more under `key`; True once there have been more than `limit` in the window."""
    throttle = caches["throttle"]
    throttle.add(key, 0, seconds)
    return throttle.incr(key) > limit
