"""Condition `all`: every condition in `of` holds (stops at the first false)."""
from __future__ import annotations

from game.engine.conditions import group
from game.rules import schema as s

TEST = "all"
MODEL = s.AllCond


def compile(g, c):
    """The test as a function (state, ctx) -> bool."""
    return group(g, c.of, stop=False)


def reads(c) -> set:
    """Nothing of its own (the walk reaches its parts)."""
    return set()
