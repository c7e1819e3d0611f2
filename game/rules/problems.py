"""A problem found in a parsed ruleset, at a path of the file's keys (the loader locates it)."""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from game.rules.errors import PathT


@dataclass(frozen=True)
class Problem:
    """One cross-reference problem at `path`; `key` points at the mapping key, `first` at an earlier twin."""

    path: PathT
    message: str
    key: bool = False
    first: PathT | None = None
    warning: bool = False


def suggest(word: str, choices: Iterable[str]) -> str:
    """` (did you mean 'x'?)` for the closest choice, or ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
