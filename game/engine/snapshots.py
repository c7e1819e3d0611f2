"""A state as plain JSON data, and the state back from that data without replaying the game.

Every field of `State` except the compiled ruleset (`game`) is written; card, event, faction
and coalition indices become their ids so a snapshot reads on its own (and a save's snapshot
can be checked against a replay). `from_snapshot(ruleset, snapshot(state))` plays on exactly
as `state` does.
"""
from __future__ import annotations

from game.engine import bits
from game.engine.actions import Term
from game.engine.compiled import compile_ruleset
from game.engine.state import Commitment, Decision, DecisionKind, OpenProposal, Outcome, Phase, State
from game.rules.schema import Ruleset


def _fid(g, i: int) -> str:
    return g.factions[i] if i >= 0 else ""


def _cards(g, cards) -> list[str]:
    return [g.cards[c].id for c in cards]


def _events(g, events) -> list[str]:
    return [g.events[e].id for e in events]


def _mask(g, mask: int) -> list[str]:
    return [g.factions[f] for f in bits.members(mask, g.n)]


def _decision(g, d) -> dict:
    if d.kind == DecisionKind.RESPONSE or d.kind == DecisionKind.VOTE:
        ref = g.cards[d.ref].id if d.ref >= 0 else ""
    elif d.kind == DecisionKind.CHOICE:
        ref = g.events[d.ref].id if d.ref >= 0 else ""
    else:
        ref = d.ref
    return {"kind": str(d.kind), "faction": _fid(g, d.faction), "src": d.src, "actor": _fid(g, d.actor),
            "target": _fid(g, d.target), "ref": ref}


def snapshot(state: State) -> dict:
    """Plain JSON data for every field of `state` (the ruleset itself is left out); the
    vocabularies are plain strings, as a save file read back holds them."""
    g = state.game
    fs = g.factions
    return {
        "seed": state.seed,
        "rng": state.rng,
        "round": state.round,
        "phase": str(state.phase),
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
        "outcome": str(state.outcome),
        "war_by": _fid(g, state.war_by),
        "seats": {f: seat for f, seat in state.seats},
    }


def from_snapshot(ruleset: Ruleset, data: dict) -> State:
    """The state `snapshot` wrote, for `ruleset` (the one the game was played with). Raises
    KeyError or ValueError when the data does not fit the ruleset."""
    g = compile_ruleset(ruleset)
    fi, ci, ei = g.fidx, g.cidx, g.eidx
    fs = g.factions

    def f_(x: str) -> int:
        return fi[x] if x else -1

    def mask(xs) -> int:
        return bits.of(fi[x] for x in xs)

    def per_faction(d: dict, conv) -> list:
        return [conv(d[f]) for f in fs]

    s = object.__new__(State)
    s.game = g
    s.seed = data["seed"]
    s.rng = data["rng"]
    s.round = data["round"]
    s.phase = Phase(data["phase"])
    s.turn_idx = data["turn_idx"]
    s.res = [[data["resources"][f][r] for r in g.resources] for f in fs]
    s.tracks = [data["tracks"][t] for t in g.tracks]
    s.trust = [0 if a == b else data["trust"][a][b] for a in fs for b in fs]
    s.decks = per_faction(data["decks"], lambda xs: [ci[c] for c in xs])
    s.hands = per_faction(data["hands"], lambda xs: tuple(ci[c] for c in xs))
    s.discards = per_faction(data["discards"], lambda xs: tuple(ci[c] for c in xs))
    s.removed = per_faction(data["removed"], lambda xs: [ci[c] for c in xs])
    s.event_deck = [ei[e] for e in data["event_deck"]]
    s.event_discard = [ei[e] for e in data["event_discard"]]
    s.events_gone = [ei[e] for e in data["events_gone"]]
    s.looming = [ei[e] for e in data["looming"]]
    s.members = [mask(data["members"][co.id]) for co in g.coalitions]
    s.flags = dict(data["flags"])
    s.commitments = [Commitment(f_(c["by"]), f_(c["toward"]), c["tag"], c["rounds"], c["source"],
                                tuple(f_(p) for p in c["parties"])) for c in data["commitments"]]
    s.proposals = [OpenProposal(p["id"], f_(p["proposer"]), tuple(f_(r) for r in p["recipients"]),
                                tuple(Term.from_dict(t) for t in p["terms"]), tuple(f_(a) for a in p["accepted"]))
                   for p in data["proposals"]]
    s.next_proposal = data["next_proposal"]
    s.pending = [_decision_from(g, d) for d in data["pending"]]
    s.ballots = per_faction(data["ballots"], int)
    s.actions_left = per_faction(data["actions_left"], int)
    s.proposals_left = per_faction(data["proposals_left"], int)
    s.paralysed = mask(data["paralysed"])
    s.played = [data["played"].get(c.id, 0) for c in g.cards]
    s.history = [tuple(h) for h in data["history"]]
    s.steps = data["steps"]
    s.over = data["over"]
    s.outcome = Outcome(data["outcome"])
    s.war_by = f_(data["war_by"])
    s.seats = tuple((f, data["seats"][f]) for f in fs if f in data["seats"])
    return s


def _decision_from(g, d: dict) -> Decision:
    kind = DecisionKind(d["kind"])
    ref = d["ref"]
    if kind in (DecisionKind.RESPONSE, DecisionKind.VOTE):
        ref = g.cidx[ref] if ref else -1
    elif kind == DecisionKind.CHOICE:
        ref = g.eidx[ref] if ref else -1
    f = g.fidx
    return Decision(kind, f[d["faction"]], d["src"], f[d["actor"]] if d["actor"] else -1,
                    f[d["target"]] if d["target"] else -1, ref)
