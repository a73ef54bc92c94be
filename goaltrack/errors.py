"""The one exception type the library raises for expected failures.

The CLI turns it into ``Error: …`` on stderr; a notebook user gets a plain exception.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_PROBLEMS_SHOWN = 20


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, with where it is (file and line) when known."""

    message: str
    line: int | None = None

    def where(self, file: str | None) -> str:
        place = ":".join(str(part) for part in (file, self.line) if part is not None)
        return f"{place}: {self.message}" if place else self.message


class GoaltrackError(Exception):
    """An expected failure: bad input, an unknown goal, an unreachable database.

    ``problems`` lists the individual faults when one input has several.
    """

    def __init__(self, message: str, problems: list[Problem] | None = None, file: str | None = None,
                 total: int | None = None):
        super().__init__(message)
        self.message = message
        self.problems = problems or []
        self.file = file
        self.total = max(total or 0, len(self.problems))  # problems found, also those not kept

    def lines(self) -> list[str]:
        """The message, then up to MAX_PROBLEMS_SHOWN problems, one a line."""
        out = [self.message]
        out += ["  " + p.where(self.file) for p in self.problems[:MAX_PROBLEMS_SHOWN]]
        hidden = self.total - min(len(self.problems), MAX_PROBLEMS_SHOWN)
        if hidden > 0:
            out.append(f"  … and {hidden} more")
        return out


def many_problems(problems: list[Problem], file: str | None, what: str = "", total: int | None = None) -> GoaltrackError:
    """One error for several problems in one input: ``N problems in FILE``. ``total`` counts every
    problem found when only the first ones were kept."""
    n = max(total or 0, len(problems))
    noun = "problem" if n == 1 else "problems"
    place = f" in {file}" if file else (f" in {what}" if what else "")
    return GoaltrackError(f"{n:,} {noun}{place}", problems, file, n)
