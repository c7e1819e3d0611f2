"""Conditions and `who` specs, turned into small closures the first time they are used (each
condition by its primitive's module in `game.engine.ops`).

A condition is a schema model; testing it by walking the model on every call (a chain of
string comparisons, then attribute reads) was a third of the cost of a bot's decision. Each
condition object is compiled once per ruleset into a function (state, ctx) -> bool with its
indices and bounds resolved; `test` keeps them in `Compiled.cond_fns`.

The functions read only `state.game`, `tracks`, `res`, `trust`, `members`, `flags` and `round`,
so a bot may pass any object with those fields (a state with hypothetical coalition joins).
"""
from __future__ import annotations

from typing import Callable

from game.engine import bits

INF = float("inf")

Test = Callable[[object, object], bool]
Who = Callable[[object, object], "tuple[int, ...] | list[int]"]


def who(state, spec: str, ctx) -> list[int]:
    """The factions a `who` string names, in faction order."""
    g = state.game
    if spec == "actor":
        return [ctx.actor] if ctx.actor >= 0 else []
    if spec == "target":
        return [ctx.target] if ctx.target >= 0 else []
    if spec == "chooser":
        return [ctx.chooser] if ctx.chooser >= 0 else []
    if spec == "all":
        return list(range(g.n))
    if spec == "others":
        return [i for i in range(g.n) if i != ctx.actor]
    if spec.startswith("members:"):
        mask = state.members[g.kidx[spec[8:]]]
        return bits.members(mask, g.n)
    i = g.fidx.get(spec)
    return [i] if i is not None else []


def test(state, cond, ctx) -> bool:
    """Whether `cond` holds; a `who` naming several factions must hold for each (and none is false)."""
    return compiled(state.game, cond)(state, ctx)


def compiled(g, cond) -> Test:
    """The test function of `cond`, compiled once per ruleset (kept in `g.cond_fns`)."""
    hit = g.cond_fns.get(id(cond))
    if hit is None or hit[0] is not cond:  # the entry keeps `cond` alive, so its id stays its own
        hit = g.cond_fns[id(cond)] = (cond, compile_condition(g, cond))
    return hit[1]


def bounds(cond) -> tuple[float, float]:
    """A condition's [min, max], open ends as infinities."""
    return (-INF if cond.min is None else cond.min), (INF if cond.max is None else cond.max)


def who_fn(g, spec: str) -> Who:
    """`who` for one spec as a function (state, ctx) -> factions: a role read directly, a named
    faction resolved once, the rest by `who`."""
    if spec == "actor":
        return lambda st, ctx: (ctx.actor,) if ctx.actor >= 0 else ()
    if spec == "target":
        return lambda st, ctx: (ctx.target,) if ctx.target >= 0 else ()
    if spec == "chooser":
        return lambda st, ctx: (ctx.chooser,) if ctx.chooser >= 0 else ()
    if spec in g.fidx and spec not in ("all", "others"):
        one = (g.fidx[spec],)
        return lambda st, ctx: one
    return lambda st, ctx: who(st, spec, ctx)


def each(xs_fn: Who, holds: Callable[[object, int], bool]) -> Test:
    """True when `xs_fn` names someone and `holds` for each of them."""
    def f(st, ctx) -> bool:
        xs = xs_fn(st, ctx)
        if not xs:
            return False
        for x in xs:
            if not holds(st, x):
                return False
        return True
    return f


def group(g, parts, stop: bool) -> Test:
    """The test of a group of conditions that is `stop` as soon as one part is, else `not stop`
    (`all`: stop=False, `any`: stop=True)."""
    fns = tuple(compile_condition(g, x) for x in parts)

    def f(st, ctx) -> bool:
        for fn in fns:
            if fn(st, ctx) == stop:
                return stop
        return not stop
    return f


COMPILE: dict = {}  # test -> its module's compile(g, cond); filled by game.engine.ops


def compile_condition(g, cond) -> Test:
    """The function that tests `cond` (a schema condition) for the compiled ruleset `g`, built
    by its primitive's module (`game.engine.ops`)."""
    return COMPILE[cond.test](g, cond)
