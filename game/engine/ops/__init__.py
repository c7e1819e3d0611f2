"""Every rule primitive in one module: `op:` effects and `test:` conditions.

An effect module holds `OP`, `MODEL` (its schema model), `apply(state, e, ctx, out)`,
`changes(state, e, ctx)` (would it change anything now), `changes_fn(g, e)` (the same as a
function, or None when it never does), `touches(e)` and `atoms(g, e, b)` (what the bots read),
and where it can open decisions or move tracks, `decisions(counter, e)` (`game.engine.bounds`;
0 without) and `war(walker, e, ctx, tracks)` (`game.engine.risk`; the tracks unchanged without).
A condition module holds `TEST`, `MODEL`, `compile(g, c)` and `reads(c)`. What a primitive
refers to and its children are its model's fields (`schema.Ref`, `game.rules.tree.walk`).

`register(module)` puts a module in the tables the engine dispatches through; the modules
below are registered on import. docs/ARCHITECTURE.md says how to add one.
"""
from __future__ import annotations

from types import ModuleType

from game.engine import conditions, effects, prices
from game.engine.ops import (
    chance, choice, commit, cond_all, cond_any, cond_faction, cond_flag, cond_member, cond_members, cond_not,
    cond_resource, cond_round, cond_track, cond_trust, discard, draw, flag, if_, join, leave, pay, resource,
    track, transfer, trust,
)
from game.rules.tree import walk

EFFECTS: dict[str, ModuleType] = {}     # op -> module
CONDITIONS: dict[str, ModuleType] = {}  # test -> module
DECISIONS: dict = {}  # op -> decisions(counter, e), for the ops that can open decisions
WAR: dict = {}        # op -> war(walker, e, ctx, tracks), for the ops that can move a track


def register(module: ModuleType) -> None:
    """Make the engine run, test and read the primitive `module` defines (by its OP or TEST)."""
    if hasattr(module, "OP"):
        EFFECTS[module.OP] = module
        effects.APPLY[module.OP] = module.apply
        prices.CHANGES[module.OP] = module.changes
        prices.CHANGES_FN[module.OP] = module.changes_fn
        if hasattr(module, "decisions"):
            DECISIONS[module.OP] = module.decisions
        if hasattr(module, "war"):
            WAR[module.OP] = module.war
    else:
        CONDITIONS[module.TEST] = module
        conditions.COMPILE[module.TEST] = module.compile


def unregister(module: ModuleType) -> None:
    """Take a registered module out of the tables again."""
    if hasattr(module, "OP"):
        for table in (EFFECTS, effects.APPLY, prices.CHANGES, prices.CHANGES_FN, DECISIONS, WAR):
            table.pop(module.OP, None)
    else:
        for table in (CONDITIONS, conditions.COMPILE):
            table.pop(module.TEST, None)


# the registry: most frequent first (a dict keeps this order; dispatch is one lookup either way)
for _m in (resource, if_, chance, trust, track, flag, transfer, pay, draw, discard, join, leave, commit, choice,
           cond_track, cond_resource, cond_trust, cond_member, cond_members, cond_flag, cond_round, cond_faction,
           cond_all, cond_any, cond_not):
    register(_m)

__all__ = ["CONDITIONS", "DECISIONS", "EFFECTS", "WAR", "register", "unregister", "walk"]
