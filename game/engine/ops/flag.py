"""`flag`: set a named flag (a global counter) to `value`, or add `value` with `add`."""
from __future__ import annotations

from game.engine.ops.atoms import FLAG
from game.rules import schema as s

OP = "flag"
MODEL = s.FlagEffect


def apply(state, e, ctx, out: list) -> None:
    """Set or add (events: `flag`)."""
    value = state.flags.get(e.flag, 0) + e.value if e.add else e.value
    state.flags[e.flag] = value
    out.append({"type": "flag", "flag": e.flag, "value": value})


def changes(state, e, ctx) -> bool:
    """Whether the flag's value would change."""
    old = state.flags.get(e.flag, 0)
    return (e.value != 0) if e.add else (old != e.value)


def changes_fn(g, e):
    """`changes` compiled; None for adding 0."""
    if e.add:
        return (lambda st, ctx: True) if e.value else None
    flag, value = e.flag, e.value
    return lambda st, ctx: st.flags.get(flag, 0) != value


def touches(e) -> set:
    """What it may change."""
    return {("flag", e.flag)}


def atoms(g, e, b) -> None:
    """A flag set, for the bots."""
    b.add(FLAG, "", 0, 1)
