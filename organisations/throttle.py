"""Counting what one sender does in a window of time (the "throttle" cache: a database table, so
every gunicorn worker shares the count).

Windows are fixed and true: a count of `seconds` starts at a multiple of `seconds` of the clock
and belongs to its own key, so it ends with its window whatever happens to the key. (Django's
cache `incr` stores the new count with the cache's default timeout, so a single key counted
over and over never expired while requests kept coming: an office signing in all morning was
refused as if it were one burst.)"""

import time

from django.core.cache import caches


def over_limit(key: str, limit: int, seconds: int) -> bool:
    """Count one more under `key` in the current window of `seconds`; True once there have been
    more than `limit` in it."""
    throttle = caches["throttle"]
    window = int(time.time() // seconds)
    counted = f"{key}:{seconds}:{window}"
    # The count's own expiry only tidies the table: the window is in the key. It must outlive
    # the window, also after `incr` re-stores it with the cache's default timeout.
    assert throttle.default_timeout >= seconds, "the throttle cache's TIMEOUT is too short"
    if throttle.add(counted, 1, seconds):
        return 1 > limit
    try:
        return throttle.incr(counted) > limit
    except ValueError:  # expired between the two calls: the next window began
        throttle.add(counted, 1, seconds)
        return 1 > limit
