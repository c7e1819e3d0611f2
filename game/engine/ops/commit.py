"""`commit`: each faction `who` names commits not to play cards tagged `tag` against each
faction `toward` names for `rounds` rounds."""
from __future__ import annotations

from game.engine.conditions import who
from game.engine.state import Commitment
from game.rules import schema as s

OP = "commit"
MODEL = s.CommitEffect


def apply(state, e, ctx, out: list) -> None:
    """Record the commitments (events: `commitment`)."""
    g = state.game
    for f in who(state, e.who, ctx):
        for t in who(state, e.toward, ctx):
            if f != t:
                state.commitments.append(Commitment(f, t, e.tag, e.rounds, "effect"))
                out.append({"type": "commitment", "by": g.factions[f], "toward": g.factions[t],
                            "tag": e.tag, "rounds": e.rounds})


def changes(state, e, ctx) -> bool:
    """Whether it names two different factions."""
    return any(f != t for f in who(state, e.who, ctx) for t in who(state, e.toward, ctx))


def changes_fn(g, e):
    """`changes` as a function."""
    return lambda st, ctx: changes(st, e, ctx)


def touches(e) -> set:
    """Nothing a condition reads."""
    return set()


def atoms(g, e, b) -> None:
    """Its worth depends on later decisions: no atom."""
