"""gunicorn for ita-portal: threads absorb the waits on the database, processes use the cores.
Everything is overridable from the environment (GUNICORN_*)."""

import multiprocessing
import os

# A Unix socket that only nginx may open: on a host systemd hands gunicorn the socket of
# deploy/systemd/ita-portal.socket (owned by nginx's user), and `bind` is not used; run by hand
# or by bin/run-production, gunicorn makes the socket itself, its owner's alone (umask). No other
# local process can reach the app and name a browser's address of its choosing (X-Real-IP:
# organisations/client_address.py trusts it only from the socket).
bind = os.environ.get("GUNICORN_BIND", "unix:/run/ita-portal/gunicorn.sock")
umask = 0o177
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# A request that takes longer is stuck (PDFs are the worker's, never a request's).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
keepalive = 5
# Not recycled by default: a gthread worker that restarts resets the connections waiting in it,
# which nginx answers with 502 (seen under bench/load.py). PDFs, the memory-hungry part, are the
# background worker's, not these processes'. GUNICORN_MAX_REQUESTS turns recycling on.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 0))
max_requests_jitter = max_requests // 10
# The app's own log lines (JSON, with request ids) go to standard error; the access log repeats
# nginx's, so it is off unless asked for.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
forwarded_allow_ips = "127.0.0.1"
proc_name = "ita-portal"


def post_worker_init(worker):
    """Each worker starts, now rather than at the first upload, the small process from which
    strangers' files are checked (organisations/isolation.py)."""
    from organisations import isolation

    isolation.start()
