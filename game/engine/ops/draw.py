"""`draw`: each faction `who` names draws `count` cards (reshuffling its discard when the deck
runs out)."""
from __future__ import annotations

from game.engine.conditions import who
from game.engine.effects import draw
from game.engine.ops.atoms import DRAW
from game.rules import schema as s

OP = "draw"
MODEL = s.DrawEffect


def apply(state, e, ctx, out: list) -> None:
    """Draw (events: `draw`, `reshuffle`)."""
    for f in who(state, e.who, ctx):
        draw(state, f, e.count, out)


def changes(state, e, ctx) -> bool:
    """Whether a named faction has a card left to draw."""
    return any(state.decks[f] or state.discards[f] for f in who(state, e.who, ctx))


def changes_fn(g, e):
    """`changes` as a function."""
    return lambda st, ctx: changes(st, e, ctx)


def touches(e) -> set:
    """Nothing a condition reads."""
    return set()


def atoms(g, e, b) -> None:
    """Cards drawn, for the bots."""
    b.add(DRAW, e.who, 0, e.count)
