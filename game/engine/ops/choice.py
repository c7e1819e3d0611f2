"""`choice`: offer a choice to each faction `who` names, in order; its answer runs the chosen
option's effects (`game.engine.core`)."""
from __future__ import annotations

from game.engine.conditions import who
from game.engine.state import CHOICE, Decision
from game.rules import schema as s

OP = "choice"
MODEL = s.ChoiceEffect


def apply(state, e, ctx, out: list) -> None:
    """Queue a decision for each faction named."""
    src = state.game.source_index(e)
    for f in who(state, e.who, ctx):
        ctx.queue.append(Decision(CHOICE, f, src, ctx.actor, ctx.target, -1))


def changes(state, e, ctx) -> bool:
    """Whether it names someone to choose."""
    return bool(who(state, e.who, ctx))


def changes_fn(g, e):
    """`changes` as a function."""
    return lambda st, ctx: changes(st, e, ctx)


def touches(e) -> set:
    """Nothing of its own."""
    return set()


def atoms(g, e, b) -> None:
    """Its worth depends on a later decision: no atom."""


def decisions(c, e) -> int:
    """The most decisions it can open (`game.engine.bounds`): one per faction, and its options'."""
    return c.n * (1 + max(c.effects(o.effects) for o in e.options))
