"""Files written for people (charts, reports): whole or not at all, never through a link.

They are never written over a file goaltrack did not write, unless asked to.

Each file is written to a temporary name beside it and moved into place, so a reader (or a crash)
never meets half a file, and a symbolic link planted where a chart goes is replaced, not followed:
``report --out shared/`` cannot be made to write into ~/.bashrc. A report folder keeps a list of
what goaltrack wrote there, with a digest of each file (``.goaltrack-files.json``); a file it would
write over that is not on the list, or has changed since, is someone else's, and is left alone
unless ``--force`` says otherwise.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from goaltrack.errors import GoaltrackError

MANIFEST = ".goaltrack-files.json"
_WRITTEN = {"files": 0}  # files this command has written, for the line that reports a Ctrl-C


def files_written() -> int:
    """How many files this command has written so far (charts drawn by workers included)."""
    return _WRITTEN["files"]


def count_files_from_here() -> None:
    """Count only the files that follow: this command's own (a process may run several commands)."""
    _WRITTEN["files"] = 0


def count_written(files: int = 1) -> None:
    _WRITTEN["files"] += files


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


MAX_MANIFEST = 16 * 1024 * 1024  # bytes: ~150,000 files listed; a larger list is not goaltrack's
PENDING = "pending"  # listed before it is written: a file an interrupted run may have left, ours to replace


def written_before(folder: Path) -> dict[str, str]:
    """What goaltrack wrote in ``folder`` last time: relative path → sha256 (or PENDING). The list is
    read only as a small regular file: a link, FIFO or device there is an error, never followed,
    waited on or read without end; a list that is not goaltrack's JSON counts as none."""
    import stat

    path = folder / MANIFEST
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return {}
    except OSError as exc:  # ELOOP: a symbolic link
        raise GoaltrackError(f"cannot read {path}: {'it is a symbolic link' if path.is_symlink() else exc.strerror}; "
                             "remove it") from None
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_MANIFEST:
            what = "larger than 16 MB" if stat.S_ISREG(info.st_mode) else "not a regular file"
            raise GoaltrackError(f"{path} is {what}, not goaltrack's list of the files it wrote; remove it")
        raw = f.read(MAX_MANIFEST + 1)
    try:
        data = json.loads(raw.decode("utf-8"))
    except ValueError:
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    return {k: v for k, v in files.items() if isinstance(k, str) and isinstance(v, str)} \
        if isinstance(files, dict) else {}


def check_targets(folder: Path, paths: Sequence[Path], force: bool | None = False, keep_others: bool = True,
                  what: str = "--out") -> None:
    """Refuse, before anything is written, to write any of ``paths`` (inside ``folder``) where that
    would harm something that is not goaltrack's: a folder in the way (always); a symbolic link
    (unless ``force``: the link is then replaced, never followed); and, with ``keep_others``, a file
    goaltrack did not write there or that was changed since (unless ``force``). ``force=None``: the
    command has no --force to offer."""
    ours = written_before(folder) if keep_others else {}
    foreign, links = [], []
    for path in paths:
        if path.is_symlink():
            links.append(path)
        elif path.exists() and not path.is_file():
            raise GoaltrackError(f"cannot write {path}: something that is not a file is in the way")
        elif keep_others and path.exists():
            name = _relative(folder, path)
            try:
                same = ours.get(name) == PENDING or ours.get(name) == _digest(path)
            except OSError as exc:
                raise GoaltrackError(f"cannot read {path}: {exc.strerror or exc}") from None
            if not same:
                foreign.append(path)
    if force:
        return
    if links:
        hint = "remove it" if force is None else "remove it, or use --force to replace the link itself"
        raise GoaltrackError(f"{links[0]} is a symbolic link{_more(links)}; goaltrack never writes through a link "
                             f"({hint})")
    if foreign:
        raise GoaltrackError(f"{foreign[0]} was not written by goaltrack, or was changed since{_more(foreign)}; "
                             f"choose another {what} folder, or use --force to overwrite")


def _relative(folder: Path, path: Path) -> str:
    """``path`` relative to ``folder``, following links in the folders on the way but not in the
    file's own name (a link there is the file, not where it points)."""
    return (path.parent.resolve() / path.name).relative_to(folder.resolve()).as_posix()


def _more(paths: Sequence[Path]) -> str:
    return f" (and {len(paths) - 1} more)" if len(paths) > 1 else ""


def write_file(path: Path, data: bytes | str, counted: bool = True) -> None:
    """Write ``data`` to ``path`` whole: into a temporary file beside it, then moved into place (which
    replaces a symbolic link rather than following it). Any failure is one GoaltrackError."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(raw)
            os.chmod(temporary, 0o666 & ~_umask())
            os.replace(temporary, path)
            if counted:  # one of the command's files (the folder's list is not)
                count_written()
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise GoaltrackError(f"cannot write {path}: {exc.strerror or exc}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def intend(folder: Path, paths: Sequence[Path]) -> None:
    """List the files about to be written that the folder's list does not hold yet, as PENDING: a run
    interrupted in the middle (Ctrl-C, a closed terminal, a kill) leaves files the next run may
    replace without --force."""
    files = written_before(folder)
    new = {_relative(folder, path) for path in paths} - set(files)
    if new:
        files.update(dict.fromkeys(new, PENDING))
        _write_list(folder, files)


def remember(folder: Path, paths: Sequence[Path]) -> None:
    """Add the files just written to the folder's list of what goaltrack wrote there (the files listed
    as pending and not written after all leave the list)."""
    files = {name: digest for name, digest in written_before(folder).items() if digest != PENDING}
    for path in paths:
        files[_relative(folder, path)] = _digest(path)
    _write_list(folder, files)


def _write_list(folder: Path, files: dict[str, str]) -> None:
    write_file(folder / MANIFEST, json.dumps({"written_by": "goaltrack", "files": files}, indent=1, sort_keys=True),
               counted=False)
