"""`if`: run `then` when the condition holds, `else` otherwise."""
from __future__ import annotations

from game.engine import prices
from game.engine.conditions import compiled, test
from game.engine.effects import run
from game.rules import schema as s

OP = "if"
MODEL = s.IfEffect


def apply(state, e, ctx, out: list) -> None:
    """Run the branch the condition picks."""
    branch = e.then if test(state, e.cond, ctx) else e.else_
    if branch:
        run(state, branch, ctx, out)


def changes(state, e, ctx) -> bool:
    """Whether the branch the condition picks now would change anything."""
    return prices.changes(state, e.then if test(state, e.cond, ctx) else e.else_, ctx)


def changes_fn(g, e):
    """`changes` compiled: the condition's test, then the branch's function."""
    holds, then, else_ = compiled(g, e.cond), prices.changes_fn(g, e.then), prices.changes_fn(g, e.else_)
    return lambda st, ctx: (then if holds(st, ctx) else else_)(st, ctx)


def touches(e) -> set:
    """Nothing of its own (the walk reaches its branches)."""
    return set()


def atoms(g, e, b) -> None:
    """Each branch at one half; when nothing before it may change what the condition reads,
    its atoms keep the condition, for a bot to test at decision time."""
    reads = b.reads(e.cond)
    if reads & b.touched:  # an earlier effect may change what it tests: count each branch at 1/2
        b.branch(e.then, b.p * 0.5, b.pc * 0.5)
        b.branch(e.else_, b.p * 0.5, b.pc * 0.5)
    else:
        adj = tuple(j for j in b.joins if ("co", j[0]) in reads)
        holds, free = compiled(g, e.cond), ("role",) not in reads
        b.branch(e.then, b.p * 0.5, b.pc, (holds, True, adj, free))
        b.branch(e.else_, b.p * 0.5, b.pc, (holds, False, adj, free))


def decisions(c, e) -> int:
    """The most decisions it can open (`game.engine.bounds`): its larger branch's."""
    return max(c.effects(e.then), c.effects(e.else_))


def war(w, e, ctx, tracks: tuple) -> list:
    """The track branches after it (`game.engine.risk`): the branch its condition picks."""
    branch = e.then if w.holds(e.cond, ctx, tracks) else e.else_
    return w.run(branch, ctx, [tracks]) if branch else [tracks]
