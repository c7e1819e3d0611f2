"""`leave`: each faction `who` names leaves a coalition."""
from __future__ import annotations

from game.engine import bits
from game.engine.conditions import who
from game.engine.ops.atoms import JOIN
from game.rules import schema as s

OP = "leave"
MODEL = s.LeaveEffect


def apply(state, e, ctx, out: list) -> None:
    """Leave (events: `leave`)."""
    g = state.game
    k = g.kidx[e.coalition]
    for f in who(state, e.who, ctx):
        if bits.has(state.members[k], f):
            state.members[k] = bits.without(state.members[k], f)
            out.append({"type": "leave", "faction": g.factions[f], "coalition": e.coalition})


def changes(state, e, ctx) -> bool:
    """Whether a named faction is a member."""
    k = state.game.kidx[e.coalition]
    return any(bits.has(state.members[k], f) for f in who(state, e.who, ctx))


def changes_fn(g, e):
    """`changes` as a function."""
    return lambda st, ctx: changes(st, e, ctx)


def touches(e) -> set:
    """What it may change (a coalition's members)."""
    return {("join", e.coalition)}


def atoms(g, e, b) -> None:
    """A membership lost, for the bots."""
    b.add(JOIN, e.who, g.kidx[e.coalition], -1)
