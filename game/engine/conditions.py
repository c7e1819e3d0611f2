"""Conditions and `who` specs, turned into small closures the first time they are used.

A condition is a schema model; testing it by walking the model on every call (a chain of
string comparisons, then attribute reads) was a third of the cost of a bot's decision. Each
condition object is compiled once per ruleset into a function (state, ctx) -> bool with its
indices and bounds resolved; `test` keeps them in `Compiled.cond_fns`.

The functions read only `state.game`, `tracks`, `res`, `trust`, `members`, `flags` and `round`,
so a bot may pass any object with those fields (a state with hypothetical coalition joins).
"""
from __future__ import annotations

from typing import Callable

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
        return [i for i in range(g.n) if mask >> i & 1]
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


def _bounds(cond) -> tuple[float, float]:
    return (-INF if cond.min is None else cond.min), (INF if cond.max is None else cond.max)


def _who_fn(g, spec: str) -> Who:
    """`who` for one spec, resolved once."""
    if spec == "actor":
        return lambda st, ctx: (ctx.actor,) if ctx.actor >= 0 else ()
    if spec == "target":
        return lambda st, ctx: (ctx.target,) if ctx.target >= 0 else ()
    if spec == "chooser":
        return lambda st, ctx: (ctx.chooser,) if ctx.chooser >= 0 else ()
    every = tuple(range(g.n))
    if spec == "all":
        return lambda st, ctx: every
    if spec == "others":
        return lambda st, ctx: [i for i in every if i != ctx.actor]
    if spec.startswith("members:"):
        k = g.kidx[spec[8:]]
        return lambda st, ctx: [i for i in every if st.members[k] >> i & 1]
    one = (g.fidx[spec],) if spec in g.fidx else ()
    return lambda st, ctx: one


def _each(xs_fn: Who, holds: Callable[[object, int], bool]) -> Test:
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


def compile_condition(g, cond) -> Test:
    """The function that tests `cond` (a schema condition) for the compiled ruleset `g`."""
    t = cond.test
    if t == "track":
        i, (lo, hi) = g.tidx[cond.track], _bounds(cond)
        return lambda st, ctx: lo <= st.tracks[i] <= hi
    if t == "resource":
        r, (lo, hi) = g.ridx[cond.resource], _bounds(cond)
        return _each(_who_fn(g, cond.who), lambda st, x: lo <= st.res[x][r] <= hi)
    if t == "trust":
        a_fn, b_fn, (lo, hi), n = _who_fn(g, cond.a), _who_fn(g, cond.b), _bounds(cond), g.n

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
    if t == "member":
        k = g.kidx[cond.coalition]
        return _each(_who_fn(g, cond.who), lambda st, x: st.members[k] >> x & 1 == 1)
    if t == "members":
        k, (lo, hi) = g.kidx[cond.coalition], _bounds(cond)
        return lambda st, ctx: lo <= st.members[k].bit_count() <= hi
    if t == "flag":
        name = cond.flag
        if cond.min is None and cond.max is None:
            return lambda st, ctx: st.flags.get(name, 0) != 0
        lo, hi = _bounds(cond)
        return lambda st, ctx: lo <= st.flags.get(name, 0) <= hi
    if t == "round":
        lo, hi = _bounds(cond)
        return lambda st, ctx: lo <= st.round <= hi
    if t == "faction":
        names = frozenset(cond.is_)
        return _each(_who_fn(g, cond.who), lambda st, x: g.factions[x] in names)
    if t in ("all", "any"):
        fns = tuple(compile_condition(g, c) for c in cond.of)
        want = t == "any"  # all: stop at the first false; any: at the first true

        def group(st, ctx) -> bool:
            for fn in fns:
                if fn(st, ctx) == want:
                    return want
            return not want
        return group
    if t == "not":
        fn = compile_condition(g, cond.of)
        return lambda st, ctx: not fn(st, ctx)
    raise ValueError(f"unknown condition {t!r}")
