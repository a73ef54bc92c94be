"""A site folder written whole: built in a temporary folder beside it, then moved into its place.

A reader (or a web server) sees the old site or the new one, never half of either, and a build that
fails or is interrupted leaves the folder as it was. The folder keeps goaltrack's list of what it
wrote there, with a digest of each file (goaltrack.present.outputs, as a report folder does): a
site goaltrack wrote, unchanged since, is replaced without asking; a folder holding anything else
(a file of your own, a file changed since) is refused unless ``force``, which replaces the whole
folder. A symbolic link where the folder goes is never followed: refused, or with ``force``
replaced by the folder itself.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from goaltrack.errors import GoaltrackError
from goaltrack.present.outputs import MANIFEST, count_files_from_here, written_before


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def foreign_file(out: Path) -> Path | None:
    """The first thing in ``out`` that goaltrack did not write there, or that changed since (None: the
    folder is empty, or holds only the site goaltrack wrote). Links and other non-files count as foreign."""
    ours = written_before(out)
    for path in sorted(out.rglob("*")):
        if path.name == MANIFEST and path.parent == out:
            continue
        if path.is_symlink() or not (path.is_dir() or path.is_file()):
            return path
        if path.is_file():
            name = path.relative_to(out).as_posix()
            try:
                if ours.get(name) != _digest(path):
                    return path
            except OSError:
                return path
    return None


def check_out(out: Path, force: bool) -> None:
    """Refuse, before anything is built, a --out that cannot or may not be replaced."""
    if out.is_symlink():
        if not force:
            raise GoaltrackError(f"{out} is a symbolic link; goaltrack never writes through a link "
                                 "(remove it, or use --force to replace the link itself)")
        return
    if out.exists() and not out.is_dir():
        raise GoaltrackError(f"cannot write a site to {out}: it is a file, not a folder")
    if out.is_dir() and not force:
        foreign = foreign_file(out)
        if foreign is not None:
            raise GoaltrackError(f"{out} holds {foreign.relative_to(out)}, which goaltrack did not write there "
                                 "(or which changed since); choose another --out folder, or use --force to "
                                 "replace the whole folder")


def publish(out: Path, build: Callable[[Path], None], force: bool = False) -> None:
    """Build the site into a temporary folder beside ``out`` (``build`` fills it), then move it into
    place; on any failure or interrupt the temporary folder goes and ``out`` is left as it was."""
    check_out(out, force)
    parent = out.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(dir=parent, prefix=f".{out.name}.", suffix=".part"))
    except OSError as exc:
        raise GoaltrackError(f"cannot create a folder beside {out}: {exc.strerror or exc}") from None
    try:
        os.chmod(temporary, 0o777 & ~_umask())  # as a folder made by mkdir: readable by a web server
        build(temporary)
        check_out(out, force)  # again: something may have moved in while the site was built
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        count_files_from_here()  # nothing of this build is left: a Ctrl-C says nothing was written
        raise
    try:
        _swap(temporary, out)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)  # gone already if it was moved into place
        raise


def _swap(new: Path, out: Path) -> None:
    """Put the built folder in the place of ``out`` (absent, empty, an old site, or a link to replace)."""
    try:
        if out.is_symlink():
            out.unlink()
        if not out.exists():
            os.rename(new, out)
            return
        old = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.", suffix=".old"))
        os.rename(out, old / "site")
        try:
            os.rename(new, out)
        except BaseException:
            os.rename(old / "site", out)  # put the old site back
            raise
    except OSError as exc:
        raise GoaltrackError(f"cannot move the new site into {out}: {exc.strerror or exc}") from None
    shutil.rmtree(old, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
