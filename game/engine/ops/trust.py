"""`trust`: change the trust between `a` and every faction `b` names by `delta`, clamped."""
from __future__ import annotations

from game.engine.conditions import who
from game.engine.effects import change_trust
from game.engine.ops.atoms import TRUST
from game.rules import schema as s

OP = "trust"
MODEL = s.TrustEffect
ROLES = ("actor", "target", "chooser")


def apply(state, e, ctx, out: list) -> None:
    """Change each pair's trust (events: `trust`)."""
    for a in who(state, e.a, ctx):
        for b in who(state, e.b, ctx):
            change_trust(state, a, b, e.delta, out)


def changes(state, e, ctx) -> bool:
    """Whether some pair's trust is not yet at the bound it moves toward."""
    g = state.game
    tr = g.ruleset.trust
    for a in who(state, e.a, ctx):
        for b in who(state, e.b, ctx):
            if a != b and a >= 0 and b >= 0:
                v = state.trust[a * g.n + b]
                if (e.delta > 0 and v < tr.max) or (e.delta < 0 and v > tr.min):
                    return True
    return False


def changes_fn(g, e):
    """`changes` compiled for two roles; None when `delta` is 0 (it never changes anything)."""
    if e.a in ROLES and e.b in ROLES:
        n, ra, rb, tr = g.n, e.a, e.b, g.ruleset.trust
        bound, up = (tr.max, True) if e.delta > 0 else (tr.min, False)
        if not e.delta:
            return None

        def fn(st, ctx) -> bool:
            a = ctx.actor if ra == "actor" else ctx.target if ra == "target" else ctx.chooser
            b = ctx.actor if rb == "actor" else ctx.target if rb == "target" else ctx.chooser
            if a < 0 or b < 0 or a == b:
                return False
            v = st.trust[a * n + b]
            return v < bound if up else v > bound
        return fn
    return lambda st, ctx: changes(st, e, ctx)


def touches(e) -> set:
    """What it may change."""
    return {("trust",)}


def atoms(g, e, b) -> None:
    """Its expected change, for the bots."""
    b.add(TRUST, e.a, 0, e.delta, who2=e.b)
