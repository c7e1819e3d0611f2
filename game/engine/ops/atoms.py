"""The kinds of "atoms" (expected changes) the bots read from effects, and what conditions read.

An effect module's `atoms(g, e, b)` adds its atoms with `b.add(kind, who, key, delta, who2, times)`
(`game.ai.knowledge` builds them); a condition module's `reads(c)` says what it looks at, in the
terms of an effect module's `touches(e)`: ("track", id), ("res", id), ("trust",), ("co", id) for
a coalition's members (effects touch ("join", id)), ("flag", id), and ("role",) when it names
the actor, target or chooser.
"""
from __future__ import annotations

RES, TRACK, TRUST, TRANSFER, JOIN, DRAW, DISCARD, FLAG = range(8)
ROLE_SPECS = ("actor", "target", "chooser", "others")  # `who` values that depend on the decision


def roles(*names: str) -> set:
    """{("role",)} when one of the `who` names depends on the decision, else an empty set."""
    return {("role",)} if any(x in ROLE_SPECS for x in names) else set()
