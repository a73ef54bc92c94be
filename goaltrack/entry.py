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


def main() -> None:
    signal.signal(signal.SIGINT, _before_start)
    from goaltrack.cli import GoaltrackGroup
    from goaltrack.cli import main as run

    GoaltrackGroup.manages_interrupts = True
    run(prog_name="goaltrack")
