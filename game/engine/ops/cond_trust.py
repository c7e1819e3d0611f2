"""Condition `trust`: the trust between `a` and each faction `b` names lies within [min, max]."""
from __future__ import annotations

from game.engine.conditions import bounds, who_fn
from game.engine.ops.atoms import roles
from game.rules import schema as s

TEST = "trust"
MODEL = s.TrustCond


def compile(g, c):
    """The test as a function (state, ctx) -> bool: every pair named (and at least one) holds."""
    a_fn, b_fn, (lo, hi), n = who_fn(g, c.a), who_fn(g, c.b), bounds(c), g.n

    def trust(st, ctx) -> bool:
        seen = False
        for x in a_fn(st, ctx):
            for y in b_fn(st, ctx):
                if x != y:
                    if not lo <= st.trust[x * n + y] <= hi:
                        return False
                    seen = True
        return seen
    return trust


def reads(c) -> set:
    """What it looks at, for the bots."""
    return {("trust",)} | roles(c.a, c.b)
