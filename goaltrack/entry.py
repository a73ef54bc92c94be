"""The program's entry point (`goaltrack`, `python -m goaltrack`), and Ctrl-C at any moment.

Ctrl-C at any moment is one ``Error: …`` line that says truly whether anything was written, never a
traceback.

Before a command starts (while Python imports click, rich and the CLI), an interrupt ends the
program at once: nothing was written. While the command runs, it is a KeyboardInterrupt that the CLI
turns into its Error line (see goaltrack.cli.GoaltrackGroup and goaltrack.storage.database.writing). Once the
command has finished, a late Ctrl-C is ignored: the work is done, and exiting takes milliseconds.
"""

from __future__ import annotations

import signal
import sys

BEFORE_START = "Error: interrupted before the command started; nothing was written"


def _before_start(signum: int, frame: object) -> None:
    sys.stderr.write(BEFORE_START + "\n")
    sys.exit(130)


def _unraisable(info) -> None:
    """A Ctrl-C that lands where Python cannot raise it (a weakref callback of the import machinery)
    would be printed as "Exception ignored in …" with a traceback, and then lost: the command carried
    on. It is sent again instead, to be raised where it can be and said in one line."""
    if info.exc_type is not None and issubclass(info.exc_type, KeyboardInterrupt):
        import os
        import threading

        # Raised here it would be lost again: sent from another thread, it arrives once this returns.
        threading.Timer(0.01, os.kill, (os.getpid(), signal.SIGINT)).start()
        return
    sys.__unraisablehook__(info)


def main() -> None:
    signal.signal(signal.SIGINT, _before_start)
    sys.unraisablehook = _unraisable
    from goaltrack.cli import GoaltrackGroup
    from goaltrack.cli import main as run

    GoaltrackGroup.manages_interrupts = True
    run(prog_name="goaltrack")
