"""Checks of bytes that a stranger may have crafted (a PDF sent to /verify/, an uploaded image)
run in a child process of their own, bounded in time and memory and untouched by any global
switch of the serving process (WeasyPrint turns on Pillow's LOAD_TRUNCATED_IMAGES for the whole
process it is imported in).

Children are forked from multiprocessing's fork server, a small single-threaded process started
once per serving process (by gunicorn as each worker starts: deploy/gunicorn.conf.py; otherwise
at the first check) with the modules of the checks already imported (ISOLATED_CHECK_MODULES): a
check starts in a few milliseconds, and a threaded gunicorn worker is never forked itself. At
most `CONCURRENT_CHECKS` children run at once per serving process.

    run(function, *args, seconds=5, megabytes=256) -> what function returned
        raises what function raised (it must be picklable: a ValidationError is), or `Refused`
        when the child ran past `seconds`, went past `megabytes` of memory beyond what it
        started with, or died; `Busy` when no slot was free within `seconds`."""

import multiprocessing
import resource
import threading
from multiprocessing import forkserver

from django.conf import settings

CONCURRENT_CHECKS = 2
_context = multiprocessing.get_context("forkserver")
_slots = threading.BoundedSemaphore(CONCURRENT_CHECKS)


class Refused(Exception):
    """The check was stopped: it took too long, needed too much memory, or crashed."""


class Busy(Refused):
    """Every slot for checks was taken for as long as the check may last."""


def start() -> None:
    """Start the fork server now, with the checks' modules imported, rather than at the first
    check (which would then wait a second or more for it)."""
    _context.set_forkserver_preload(list(settings.ISOLATED_CHECK_MODULES))
    forkserver.ensure_running()


def run(function, *args, seconds: float, megabytes: int):
    if not _slots.acquire(timeout=seconds):
        raise Busy("no free slot for a check")
    try:
        return _run_in_child(function, args, seconds, megabytes)
    finally:
        _slots.release()


def _run_in_child(function, args, seconds, megabytes):
    start()
    receiving, sending = _context.Pipe(duplex=False)
    child = _context.Process(
        target=_child_main, args=(sending, function, args, seconds, megabytes), daemon=True
    )
    child.start()
    sending.close()
    try:
        if not receiving.poll(seconds):
            raise Refused(f"{function.__name__} ran past {seconds} s")
        succeeded, value = receiving.recv()
    except (EOFError, OSError) as error:
        raise Refused(f"{function.__name__} stopped without an answer") from error
    finally:
        receiving.close()
        if child.is_alive():
            child.kill()
        child.join()
    if succeeded:
        return value
    raise value


def _child_main(sending, function, args, seconds, megabytes):
    _limit_resources(seconds, megabytes)
    try:
        outcome = (True, function(*args))
    except MemoryError:
        outcome = (False, Refused(f"{function.__name__} needed over {megabytes} MB"))
    except RecursionError:
        outcome = (False, Refused(f"{function.__name__} went too deep"))
    except Exception as error:  # noqa: BLE001 - handed to the parent, which raises it
        outcome = (False, error)
    try:
        sending.send(outcome)
    except Exception as error:  # noqa: BLE001 - an exception that does not pickle
        sending.send((False, Refused(f"{function.__name__} failed: {type(error).__name__}")))
    sending.close()


def _limit_resources(seconds, megabytes):
    cpu = int(seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    in_use = _address_space_bytes()
    if in_use is not None:
        limit = in_use + megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _address_space_bytes() -> int | None:
    """The child's address space now (Linux's /proc), so the limit is what it may add."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None
