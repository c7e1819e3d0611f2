"""The one home of a player's files: saves, settings and debriefs, for every front end."""
from __future__ import annotations

import os
from pathlib import Path


def home() -> Path:
    """REDLINES_HOME, else $XDG_DATA_HOME/redlines (~/.local/share/redlines)."""
    env = os.environ.get("REDLINES_HOME")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "redlines"


def saves_dir() -> Path:
    """Where saves and autosaves go unless `--saves-dir` says otherwise."""
    return home() / "saves"
