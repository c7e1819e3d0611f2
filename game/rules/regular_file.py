"""Reading a file the user named (a ruleset, a save) without being fooled by what it is: only a
regular file is read, never a folder, a named pipe (which would wait for a writer forever) or a
device without end (/dev/zero), and never more than a limit."""
from __future__ import annotations

import errno
import os
import stat


class NotRegularFile(OSError):
    """The path is a pipe, a device or a socket, not a regular file."""


class FileTooLarge(OSError):
    """The file is over the limit; `size` is its length in bytes."""

    def __init__(self, path: str | os.PathLike, size: int, limit: int) -> None:
        super().__init__(errno.EFBIG, f"it is {size} bytes long; the limit is {limit}", os.fspath(path))
        self.size = size
        self.limit = limit


def read_regular_file(path: str | os.PathLike, limit: int) -> bytes:
    """The bytes of the regular file at `path`, of at most `limit` bytes.

    Raises FileNotFoundError, IsADirectoryError, NotRegularFile, FileTooLarge (checked before
    reading) or another OSError. The file is opened without blocking, then checked."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd)
        if stat.S_ISDIR(mode.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), os.fspath(path))
        if not stat.S_ISREG(mode.st_mode):
            raise NotRegularFile(errno.EINVAL, "it is a pipe, device or socket, not a regular file", os.fspath(path))
        if mode.st_size > limit:
            raise FileTooLarge(path, mode.st_size, limit)
        with os.fdopen(fd, "rb") as f:
            fd = -1
            return f.read(limit + 1)
    finally:
        if fd >= 0:
            os.close(fd)
