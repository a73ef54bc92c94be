"""A large CSV file read and checked in a forked child while this process writes the blocks before.

Reading and checking a block is pure Python and writing one is mostly SQLite: in one process they take
turns, in two they overlap on two cores (a million rows: 3.7 s instead of 4.9 s). The child reads
as goaltrack would here and sends each block, pickled through a pipe, with what its checks found
meanwhile (problems, withheld cells, the bytes read), so the parent's checker ends exactly as if it had
read the file itself. A thread here takes each message off the pipe as soon as it is sent, so that
neither process waits for the other while there is room: ``AHEAD`` blocks wait to be taken at most
(and one more on its way), so the memory held stays a few blocks whatever the file's size.
A child that ends without saying why (killed, out of memory) is an error; a Ctrl-C here ends the child too.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from goaltrack.errors import GoaltrackError, Problem
from goaltrack.ingest.checks import MAX_PROBLEMS

if TYPE_CHECKING:
    from goaltrack.ingest.blocks import FigureBlock
    from goaltrack.ingest.files import FigureFile

MIN_BYTES = 4_000_000  # a smaller file is read here: a fork costs more than it saves
AHEAD = 2  # blocks received and not yet taken: the memory the read-ahead may hold
PIPE_BYTES = 2**20  # asked of the kernel for the pipe (it may give less): fewer, larger reads
RESULT_FIELDS = ("layout", "encoding", "skipped_lines", "sheet")


def blocks(file: FigureFile) -> Iterator[FigureBlock]:
    """The file's blocks, read ahead by a child where that pays (a large CSV file, and fork), else here."""
    if not _worth_it(file):
        yield from file.blocks()
        return
    reading, writing = os.pipe()
    try:
        _widen(writing)
        pid = os.fork()
    except BaseException:  # no child (fork failed, or a Ctrl-C): nothing is left open
        os.close(reading)
        os.close(writing)
        raise
    if pid == 0:  # the child: never returns
        os.close(reading)
        _child(writing, file)
    inbox = None
    try:
        os.close(writing)
        inbox = _Inbox(reading)  # its thread owns the reading end from here
        yield from _received(inbox, file)
    finally:
        try:
            _end(pid)  # the pipe's far end closes: the thread sees its end and stops
        finally:
            if inbox is not None:
                inbox.close()
            else:
                os.close(reading)


def _worth_it(file: FigureFile) -> bool:
    from goaltrack.ingest.files import SHEET_SUFFIXES

    if not hasattr(os, "fork") or file.parsed is not None or file.path.suffix.lower() in SHEET_SUFFIXES + (".json",):
        return False
    try:
        return file.path.is_file() and file.path.stat().st_size >= MIN_BYTES
    except OSError:
        return False


def _widen(fd: int) -> None:
    """A larger pipe, where the system allows one (Linux): a block passes in fewer reads."""
    import fcntl

    if not hasattr(fcntl, "F_SETPIPE_SZ"):  # not Linux: the default pipe serves
        return
    try:
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except OSError:  # above the system's limit: the default pipe serves
        pass


class _Inbox:
    """The child's messages, taken off the pipe by a thread as they come (each a length, then its pickle)."""

    def __init__(self, fd: int):
        import queue
        import threading

        self.messages: queue.Queue[bytes | None] = queue.Queue(maxsize=AHEAD)
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._read, args=(fd,), name="goaltrack-read-ahead", daemon=True)
        self.thread.start()

    def _read(self, fd: int) -> None:
        with os.fdopen(fd, "rb") as pipe:
            while not self.stopped.is_set():
                head = pipe.read(8)
                size = int.from_bytes(head, "little") if len(head) == 8 else -1
                message = pipe.read(size) if size >= 0 else b""
                if size < 0 or len(message) < size:  # the child ended, or died mid-message
                    break
                self._put(message)
        self._put(None)

    def _put(self, message: bytes | None) -> None:
        import queue

        while not self.stopped.is_set():
            try:
                self.messages.put(message, timeout=0.1)
                return
            except queue.Full:
                continue

    def get(self) -> bytes | None:
        return self.messages.get()

    def close(self) -> None:
        self.stopped.set()
        self.thread.join()


def _received(inbox: _Inbox, file: FigureFile) -> Iterator[FigureBlock]:
    while True:
        message = inbox.get()
        try:
            kind, payload, state = pickle.loads(message) if message is not None else (None, None, None)
        except (pickle.UnpicklingError, EOFError):
            kind = None
        if kind is None:
            raise GoaltrackError(f"{file.path} cannot be read: the reader ended unexpectedly")
        _take_state(file, state)
        if kind == "block":
            yield payload
        elif kind == "end":
            return
        else:
            message, problems, where, total = payload
            raise GoaltrackError(message, [Problem(*p) for p in problems], where, total)


def _take_state(file: FigureFile, state: tuple) -> None:
    """What the child's checks found since its last message, added to this process's checker."""
    problems, count, withheld, bytes_done, result = state
    checker = file.checker
    room = MAX_PROBLEMS - len(checker.problems)
    checker.problems.extend(Problem(*p) for p in problems[:max(room, 0)])
    checker.count += count
    checker.withheld += withheld
    file.bytes_done = bytes_done
    for name, value in zip(RESULT_FIELDS, result, strict=True):
        setattr(file.result, name, value)


def _child(writing: int, file: FigureFile) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C is the parent's to report
    status = 1
    try:
        with os.fdopen(writing, "wb") as pipe:
            sent = [0, 0, 0]  # problems, count, withheld already sent

            def send(kind: str, payload: Any) -> None:
                checker = file.checker
                state = ([(p.message, p.line) for p in checker.problems[sent[0]:]], checker.count - sent[1],
                         checker.withheld - sent[2], file.bytes_done,
                         tuple(getattr(file.result, name) for name in RESULT_FIELDS))
                sent[:] = [len(checker.problems), checker.count, checker.withheld]
                message = pickle.dumps((kind, payload, state), protocol=pickle.HIGHEST_PROTOCOL)
                pipe.write(len(message).to_bytes(8, "little"))
                pipe.write(message)
                pipe.flush()

            try:
                for block in file.blocks():
                    send("block", block)
                send("end", None)
            except GoaltrackError as error:
                send("error", (error.message, [(p.message, p.line) for p in error.problems], error.file,
                               error.total))
        status = 0
    except BaseException:  # noqa: BLE001  a broken pipe (the parent is gone), anything else: just end
        status = 1
    finally:
        os._exit(status)


def _end(pid: int) -> None:
    """The child ended: at once if it is still reading (an error or a Ctrl-C here), and reaped."""
    import signal

    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
