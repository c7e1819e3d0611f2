"""`discard`: each faction `who` names discards `count` cards at random from its hand."""
from __future__ import annotations

from game.engine import rng
from game.engine.conditions import who
from game.engine.ops.atoms import DISCARD
from game.rules import schema as s

OP = "discard"
MODEL = s.DiscardEffect


def apply(state, e, ctx, out: list) -> None:
    """Discard at random (events: `discard`)."""
    g = state.game
    for f in who(state, e.who, ctx):
        for _ in range(e.count):
            if not state.hands[f]:
                break
            state.rng, i = rng.below(state.rng, len(state.hands[f]))
            hand = state.hands[f]
            c = hand[i]
            state.hands[f] = hand[:i] + hand[i + 1:]
            state.discards[f] = (*state.discards[f], c)
            out.append({"type": "discard", "faction": g.factions[f], "card": g.cards[c].id})


def changes(state, e, ctx) -> bool:
    """Whether a named faction holds a card."""
    return any(state.hands[f] for f in who(state, e.who, ctx))


def changes_fn(g, e):
    """`changes` as a function."""
    return lambda st, ctx: changes(st, e, ctx)


def touches(e) -> set:
    """Nothing a condition reads."""
    return set()


def atoms(g, e, b) -> None:
    """Cards lost, for the bots."""
    b.add(DISCARD, e.who, 0, e.count)
