"""`chance`: roll the game's seeded RNG; `then` with `percent`% chance, `else` otherwise."""
from __future__ import annotations

from game.engine import rng
from game.engine.effects import run
from game.engine.prices import changes as list_changes
from game.rules import schema as s

OP = "chance"
MODEL = s.ChanceEffect


def apply(state, e, ctx, out: list) -> None:
    """Roll and run the branch (events: `chance`)."""
    state.rng, roll = rng.below(state.rng, 100)
    hit = roll < e.percent
    out.append({"type": "chance", "percent": e.percent, "roll": roll, "hit": hit})
    branch = e.then if hit else e.else_
    if branch:
        run(state, branch, ctx, out)


def changes(state, e, ctx) -> bool:
    """Whether a branch that can happen would change anything."""
    return (e.percent > 0 and list_changes(state, e.then, ctx)) or \
        (e.percent < 100 and list_changes(state, e.else_, ctx))


def changes_fn(g, e):
    """`changes` as a function."""
    return lambda st, ctx: changes(st, e, ctx)


def touches(e) -> set:
    """Nothing of its own (the walk reaches its branches)."""
    return set()


def atoms(g, e, b) -> None:
    """Each branch at its probability."""
    b.branch(e.then, b.p * e.percent / 100, b.pc * e.percent / 100)
    b.branch(e.else_, b.p * (100 - e.percent) / 100, b.pc * (100 - e.percent) / 100)


def decisions(c, e) -> int:
    """The most decisions it can open (`game.engine.bounds`): its larger branch's."""
    return max(c.effects(e.then), c.effects(e.else_))


def war(w, e, ctx, tracks: tuple) -> list:
    """The track branches after it (`game.engine.risk`): both branches that can happen."""
    out = []
    if e.percent > 0:
        out.extend(w.run(e.then, ctx, [tracks]) if e.then else [tracks])
    if e.percent < 100:
        out.extend(w.run(e.else_, ctx, [tracks]) if e.else_ else [tracks])
    return out
