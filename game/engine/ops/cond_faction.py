"""Condition `faction`: every faction `who` names is one of the listed factions."""
from __future__ import annotations

from game.engine.conditions import each, who_fn
from game.engine.ops.atoms import roles
from game.rules import schema as s

TEST = "faction"
MODEL = s.FactionCond


def compile(g, c):
    """The test as a function (state, ctx) -> bool."""
    names = frozenset(c.is_)
    return each(who_fn(g, c.who), lambda st, x: g.factions[x] in names)


def reads(c) -> set:
    """Who is named, for the bots."""
    return roles(c.who)
