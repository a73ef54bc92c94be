"""A function run in a child process with memory and CPU limits: what no input can make abort goaltrack.

The spreadsheet reader is native code: an allocation it cannot make aborts the whole process with a
Rust backtrace, and no Python code can catch that. Run in a forked child under RLIMIT_AS and
RLIMIT_CPU, the worst it can do is end the child; its result comes back pickled through a pipe, and
its end (a signal, a limit) becomes one GoaltrackError. POSIX only; elsewhere the function runs here.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from typing import Any

from goaltrack.errors import GoaltrackError

MEMORY = 1024 * 1024 * 1024  # bytes the child may add to what it inherits
CPU_SECONDS = 60


def run_bounded(what: str, function: Callable[..., Any], *args: Any) -> Any:
    """``function(*args)`` in a child with at most MEMORY more bytes and CPU_SECONDS of CPU; a
    GoaltrackError it raises is raised here; any other end is an error naming ``what``."""
    if not hasattr(os, "fork"):
        return function(*args)
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(reading)
        _child(writing, what, function, args)
    os.close(writing)
    with os.fdopen(reading, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0 and data:
        kind, value = pickle.loads(data)
        if kind == "error":
            raise GoaltrackError(value)
        return value
    why = (f"it ran out of the {CPU_SECONDS} s of processor time goaltrack gives it"
           if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (_signal("SIGXCPU"), _signal("SIGKILL"))
           else f"it needs more than the {MEMORY // 2**20:,} MB of memory goaltrack gives it, or is damaged")
    raise GoaltrackError(f"{what} cannot be read: {why}")


def _child(writing: int, what: str, function: Callable[..., Any], args: tuple) -> None:
    import resource
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C is the parent's to report
    status = 1
    try:  # what native code prints as it fails (a Rust panic, "memory allocation … failed") is not for the user
        import faulthandler

        faulthandler.disable()
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 2)
        os.dup2(quiet, 1)
    except OSError:
        pass
    try:
        for limit, wanted in ((resource.RLIMIT_AS, _address_space() + MEMORY), (resource.RLIMIT_CPU, CPU_SECONDS)):
            soft, hard = resource.getrlimit(limit)  # never above a limit the caller set
            if soft != resource.RLIM_INFINITY:
                wanted = min(wanted, soft)
            resource.setrlimit(limit, (wanted, hard))
        try:
            result = ("ok", function(*args))
        except GoaltrackError as error:
            result = ("error", error.message)
        except MemoryError:
            result = ("error", f"{what} cannot be read: it needs more than the {MEMORY // 2**20:,} MB of "
                               "memory goaltrack gives it")
        with os.fdopen(writing, "wb") as pipe:
            pipe.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        status = 0
    except BaseException:  # noqa: BLE001  anything else: the parent reports the child's end
        status = 1
    finally:
        os._exit(status)


def _address_space() -> int:
    """The bytes of address space this process holds now (Linux), else 0."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _signal(name: str) -> int | None:
    import signal

    return getattr(signal, name, None)
