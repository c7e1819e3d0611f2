"""A game state as plain JSON data, for save files and for checking a replay against them.

Every field of `State` except the compiled ruleset (`game`) is written; card, event,
faction and coalition indices become their ids so a snapshot reads on its own.
"""
from __future__ import annotations

from game.engine import bits
from game.engine.state import State


def _fid(g, i: int) -> str:
    return g.factions[i] if i >= 0 else ""


def _cards(g, cards: list[int]) -> list[str]:
    return [g.cards[c].id for c in cards]


def _events(g, events: list[int]) -> list[str]:
    return [g.events[e].id for e in events]


def _mask(g, mask: int) -> list[str]:
    return [g.factions[f] for f in bits.members(mask, g.n)]


def _decision(g, d) -> dict:
    if d.kind == "response" or d.kind == "vote":
        ref = g.cards[d.ref].id if d.ref >= 0 else ""
    elif d.kind == "choice":
        ref = g.events[d.ref].id if d.ref >= 0 else ""
    else:
        ref = d.ref
    return {"kind": d.kind, "faction": _fid(g, d.faction), "src": d.src, "actor": _fid(g, d.actor),
            "target": _fid(g, d.target), "ref": ref}


def state_to_dict(state: State) -> dict:
    """Plain JSON data for every field of `state` (the ruleset itself is left out)."""
    g = state.game
    fs = g.factions
    return {
        "seed": state.seed,
        "rng": state.rng,
        "round": state.round,
        "phase": state.phase,
        "turn_idx": state.turn_idx,
        "resources": {f: dict(zip(g.resources, state.res[i])) for i, f in enumerate(fs)},
        "tracks": dict(zip(g.tracks, state.tracks)),
        "trust": {f: {o: state.trust[i * g.n + j] for j, o in enumerate(fs) if j != i} for i, f in enumerate(fs)},
        "decks": {f: _cards(g, state.decks[i]) for i, f in enumerate(fs)},
        "hands": {f: _cards(g, state.hands[i]) for i, f in enumerate(fs)},
        "discards": {f: _cards(g, state.discards[i]) for i, f in enumerate(fs)},
        "removed": {f: _cards(g, state.removed[i]) for i, f in enumerate(fs)},
        "event_deck": _events(g, state.event_deck),
        "event_discard": _events(g, state.event_discard),
        "events_gone": _events(g, state.events_gone),
        "looming": _events(g, state.looming),
        "members": {co.id: _mask(g, state.members[k]) for k, co in enumerate(g.coalitions)},
        "flags": dict(sorted(state.flags.items())),
        "commitments": [{"by": _fid(g, c.by), "toward": _fid(g, c.toward), "tag": c.tag, "rounds": c.rounds,
                         "source": c.source, "parties": [_fid(g, p) for p in c.parties]}
                        for c in state.commitments],
        "proposals": [{"id": p.id, "proposer": _fid(g, p.proposer), "recipients": [_fid(g, r) for r in p.recipients],
                       "terms": [t.to_dict() for t in p.terms], "accepted": [_fid(g, a) for a in p.accepted]}
                      for p in state.proposals],
        "next_proposal": state.next_proposal,
        "pending": [_decision(g, d) for d in state.pending],
        "ballots": {f: state.ballots[i] for i, f in enumerate(fs)},
        "actions_left": {f: state.actions_left[i] for i, f in enumerate(fs)},
        "proposals_left": {f: state.proposals_left[i] for i, f in enumerate(fs)},
        "paralysed": _mask(g, state.paralysed),
        "played": {c.id: state.played[i] for i, c in enumerate(g.cards) if state.played[i]},
        "history": [list(h) for h in state.history],
        "steps": state.steps,
        "over": state.over,
        "outcome": state.outcome,
        "war_by": _fid(g, state.war_by),
        "seats": {f: seat for f, seat in state.seats},
    }


def first_difference(a: object, b: object, path: str = "") -> str | None:
    """The path of the first place two snapshots differ (None when they are equal)."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in list(a) + [k for k in b if k not in a]:
            if k not in a or k not in b:
                return f"{path}.{k}".lstrip(".")
            d = first_difference(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return path.lstrip(".") or "(top)"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    return None if a == b and type(a) is type(b) else (path.lstrip(".") or "(top)")
