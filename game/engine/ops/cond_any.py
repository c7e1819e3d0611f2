"""Condition `any`: some condition in `of` holds (stops at the first true)."""
from __future__ import annotations

from game.engine.conditions import group
from game.rules import schema as s

TEST = "any"
MODEL = s.AnyCond


def compile(g, c):
    """The test as a function (state, ctx) -> bool."""
    return group(g, c.of, stop=True)


def reads(c) -> set:
    """Nothing of its own (the walk reaches its parts)."""
    return set()
