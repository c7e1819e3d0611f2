"""Deals against the frontier: every offer a proposer could have made to the same recipients at
the moment it made its offer, valued for each party by the bots' own deal valuation (the
scripted bot's `terms_value`, with each party's public weights and personality), the Pareto
frontier of those values, and the offers worth more than the one made to every party."""
from __future__ import annotations

from game.engine import Action, legal_actions, Names, State


def deal_values(state: State, action: Action) -> tuple[list[str], list[float]]:
    """(parties, value to each) of a proposal action at `state`, by the bots' valuation."""
    from game.ai.scripted import NORMAL, Ctx, terms_value
    g = state.game
    me = g.fidx[action.faction]
    recipients = tuple(g.fidx[r] for r in action.proposal.recipients)
    c = Ctx(state, me, NORMAL)
    parties = (me, *recipients)
    return ([g.factions[x] for x in parties],
            [round(terms_value(c, x, me, recipients, action.proposal.terms), 4) for x in parties])


def pareto(points: list[tuple[float, ...]]) -> list[int]:
    """Indices of the points no other point beats for every coordinate (ties are not beaten)."""
    out = []
    for i, p in enumerate(points):
        if not any(all(q[k] >= p[k] for k in range(len(p))) and any(q[k] > p[k] for k in range(len(p)))
                   for j, q in enumerate(points) if j != i):
            out.append(i)
    return out


def frontier(state: State, made: Action, names: Names) -> dict:
    """The offers the proposer of `made` could have made to the same recipients at `state`."""
    f = made.faction
    want = set(made.proposal.recipients)
    menu = [a for a in legal_actions(state, f) if a.kind == "propose" and set(a.proposal.recipients) == want]
    key = made.to_dict()
    if all(a.to_dict() != key for a in menu):
        menu.append(made)
    parties, _ = deal_values(state, made)
    offers = []
    for a in menu:
        _p, vals = deal_values(state, a)
        offers.append({"terms": [t.to_dict() for t in a.proposal.terms],
                       "text": names.terms([t.to_dict() for t in a.proposal.terms]),
                       "values": vals, "made": a.to_dict() == key})
    points = [tuple(o["values"]) for o in offers]
    on = set(pareto(points))
    for i, o in enumerate(offers):
        o["frontier"] = i in on
    made_vals = next(o["values"] for o in offers if o["made"])
    better = [o for o in offers if all(v > m + 1e-9 for v, m in zip(o["values"], made_vals))]
    better.sort(key=lambda o: -sum(o["values"]))
    return {"valued_by": "the bots' deal valuation (scripted terms_value)", "offers": offers,
            "made_values": made_vals, "on_frontier": next(o["frontier"] for o in offers if o["made"]),
            "better_for_all": better[0] if better else None, "value_parties": parties}
