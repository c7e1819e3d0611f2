"""What one faction may see, and samples of what it cannot (for search under hidden information)."""
from __future__ import annotations

from game.engine import bits, rng
from game.engine.core import OPTIONED, current_decider, decision_kind
from game.engine.flow import miscalculation_chance
from game.engine.decisions import describe_decision
from game.engine.scoring import score_of
from game.engine.state import VOTE, State



def view(state: State, faction: str) -> dict:
    """Plain data for `faction`: other hands, deck orders, secret objectives of others,
    face-down crises and uncounted ballots are redacted."""
    g = state.game
    me = g.fidx[faction]
    rs = g.ruleset
    factions = []
    for f, fid in enumerate(g.factions):
        factions.append({
            "id": fid,
            "resources": dict(zip(g.resources, state.res[f])),
            "hand_size": len(state.hands[f]),
            "deck_size": len(state.decks[f]),
            "discard": [g.cards[c].id for c in state.discards[f]],
            "trust": {g.factions[o]: state.trust[f * g.n + o] for o in range(g.n) if o != f},
            "coalitions": [co.id for k, co in enumerate(g.coalitions) if bits.has(state.members[k], f)],
            "actions_left": state.actions_left[f],
            "voted": state.ballots[f] >= 0,
        })
    pending = None
    if state.pending and state.pending[0].faction == me:
        p = describe_decision(state, state.pending[0])
        pending = {"kind": p.kind, "from": p.actor, "target": p.target}
        if p.kind in OPTIONED:
            pending["options"] = list(p.open_ids)
            pending["card"] = p.ref if p.source == "card" else ""
            pending["event"] = p.ref if p.source == "event" else ""
        elif p.kind == VOTE:
            pending["card"] = p.ref
        else:
            pending["proposal"] = p.proposal
    objectives = [o.id for o in g.objectives if not o.secret or o.faction == faction]
    proposals = [
        {"id": p.id, "from": g.factions[p.proposer], "to": [g.factions[r] for r in p.recipients],
         "terms": [t.to_dict() for t in p.terms], "accepted": [g.factions[a] for a in p.accepted]}
        for p in state.proposals if me == p.proposer or me in p.recipients
    ]
    out = {
        "viewer": faction,
        "round": state.round,
        "rounds": rs.turn.rounds,
        "phase": state.phase,
        "decider": current_decider(state),
        "decision": decision_kind(state),
        "pending": pending,
        "tracks": dict(zip(g.tracks, state.tracks)),
        "miscalculation": miscalculation_chance(state),
        "flags": dict(sorted(state.flags.items())),
        "factions": factions,
        "hand": [g.cards[c].id for c in state.hands[me]],
        "objectives": objectives,
        "coalitions": {co.id: [g.factions[f] for f in bits.members(state.members[k], g.n)]
                       for k, co in enumerate(g.coalitions)},
        "commitments": [{"by": g.factions[c.by], "toward": g.factions[c.toward], "tag": c.tag,
                         "rounds": c.rounds} for c in state.commitments],
        "proposals": proposals,
        "my_ballot": {1: "yes", 0: "no"}.get(state.ballots[me]),
        "looming_crises": len(state.looming),
        "history": [list(h) for h in state.history],
        "over": state.over,
        "outcome": state.outcome,
        "war_by": state.fid(state.war_by),
        "my_score": score_of(state, me).as_dict(),
    }
    if state.over:
        out["scores"] = {g.factions[f]: score_of(state, f).as_dict() for f in range(g.n)}
    return out


def sample_hidden(state: State, faction: str, seed: int) -> State:
    """A state `faction` cannot tell apart from the real one: what it cannot see is re-dealt at random."""
    g = state.game
    me = g.fidx[faction]
    s = state.clone()
    r = rng.initial(seed)
    for f in range(g.n):
        if f == me:
            r, s.decks[f] = rng.shuffled(r, sorted(s.decks[f]))
            continue
        pool = sorted([*s.hands[f], *s.decks[f]])  # sorted: the sample depends only on what `faction` sees
        r, pool = rng.shuffled(r, pool)
        k = len(s.hands[f])
        s.hands[f], s.decks[f] = tuple(pool[:k]), pool[k:]
    unseen = sorted(s.event_deck + s.looming)
    r, unseen = rng.shuffled(r, unseen)
    k = len(s.looming)
    s.looming, s.event_deck = unseen[:k], unseen[k:]
    for f in range(g.n):
        if f != me and s.ballots[f] >= 0:
            r, b = rng.below(r, 2)
            s.ballots[f] = b
    s.rng = r
    return s
