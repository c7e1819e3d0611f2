"""The report's own errors and its careful writes: a folder made (or a clear message), a file
written whole (a temporary file, then renamed)."""
from __future__ import annotations

import os
from pathlib import Path


class ReportError(Exception):
    """A report or sheet cannot be written; str() is a message for a person."""


def prepare_dir(out_dir: str | os.PathLike) -> Path:
    """The folder `out_dir`, made if need be."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ReportError(f"{out} is a file, not a folder: give --out a folder to write into.")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ReportError(f"Could not create the folder {out}: {e.strerror or e}.") from None
    return out


def write_text(path: Path, text: str) -> Path:
    """Write `text` to `path` whole (a temporary file renamed over it)."""
    try:
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as e:
        raise ReportError(f"Could not write {path}: {e.strerror or e}.") from None
    return path
