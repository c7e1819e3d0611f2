"""A state a bot can think in, built from a seat's view alone (for agents playing over the network).

What the view hides is filled in plausibly and never from the real game: other hands are dealt
from what is left of each faction's cards, looming crises from the events not yet seen, other
ballots are blank. A bot given this state chooses as it would from its own information."""
from __future__ import annotations

from collections import Counter

from game.engine import bits, rng_initial, rng_shuffled, new_game, Term, Commitment, Decision, OpenProposal, State
from game.rules.schema import Ruleset


def state_from_view(ruleset: Ruleset, v: dict, seed: int = 0) -> State:
    base, _ = new_game(ruleset, seed)
    s = base.clone()
    g = s.game
    n = g.n
    me = g.fidx[v["viewer"]]
    r = rng_initial(seed ^ 0x5EA7)
    s.round, s.phase = v["round"], v["phase"]
    s.tracks = [v["tracks"][t] for t in g.tracks]
    s.flags = dict(v["flags"])
    for fa in v["factions"]:
        i = g.fidx[fa["id"]]
        s.res[i] = [fa["resources"][x] for x in g.resources]
        for o, val in fa["trust"].items():
            s.trust[i * n + g.fidx[o]] = val
        s.discards[i] = tuple(g.cidx[c] for c in fa["discard"])
        s.actions_left[i] = fa["actions_left"]
        s.ballots[i] = 0 if fa.get("voted") else -1
        pool = Counter(g.deck_cards[i]) - Counter(s.discards[i])
        if i == me:
            hand = [g.cidx[c] for c in v["hand"]]
            s.hands[i] = tuple(hand)
            rest = sorted((pool - Counter(hand)).elements())
            r, s.decks[i] = rng_shuffled(r, rest)
        else:
            cards = sorted(pool.elements())
            r, cards = rng_shuffled(r, cards)
            k = min(fa["hand_size"], len(cards))
            s.hands[i], s.decks[i] = tuple(cards[:k]), cards[k:k + fa["deck_size"]]
    s.members = [bits.of(g.fidx[m] for m in v["coalitions"].get(co.id, [])) for co in g.coalitions]
    s.commitments = [Commitment(g.fidx[c["by"]], g.fidx[c["toward"]], c["tag"], c["rounds"], "view")
                     for c in v["commitments"]]
    s.proposals = [OpenProposal(p["id"], g.fidx[p["from"]], tuple(g.fidx[x] for x in p["to"]),
                                tuple(Term.from_dict(t) for t in p["terms"]), tuple(g.fidx[x] for x in p["accepted"]))
                   for p in v["proposals"]]
    s.next_proposal = max([p["id"] for p in v["proposals"]], default=0) + 1
    s.history = [tuple(h) for h in v["history"]]
    s.proposals_left = [ruleset.turn.proposals.per_round] * n
    if v.get("my_ballot"):
        s.ballots[me] = 1 if v["my_ballot"] == "yes" else 0
    unseen = sorted(s.event_deck)
    r, unseen = rng_shuffled(r, unseen)
    k = min(v.get("looming_crises", 0), len(unseen))
    s.looming, s.event_deck = unseen[:k], unseen[k:]
    s.pending = []
    p = v.get("pending")
    if p:
        kind, actor = p["kind"], g.fidx.get(p.get("from", ""), -1)
        target = g.fidx.get(p.get("target", ""), -1)
        if kind == "response":
            c = g.cidx[p["card"]]
            s.pending = [Decision(kind, me, g.source_index(g.cards[c].response), actor, target, c)]
        elif kind == "choice":
            e = next((i for i, ev in enumerate(g.events) if ev.id == p.get("event")), -1)
            ch = next((ch for ch in g.events[e].choices if ch.who == v["viewer"]), None) if e >= 0 else None
            if ch is not None:
                src = g.source_index(ch)
            else:  # a choice opened by an effect: the source whose options are the ones offered
                want = set(p.get("options", ()))
                src = next(i for i, (_h, opts) in enumerate(g.sources) if want <= {o.id for o in opts})
            s.pending = [Decision(kind, me, src, actor, target, e)]
        elif kind == "vote":
            s.pending = [Decision(kind, me, -1, actor, target, g.cidx[p["card"]])]
        else:
            s.pending = [Decision(kind, me, -1, actor, target, p["proposal"])]
    decider = v.get("decider")
    s.turn_idx = g.fidx[decider] if decider in g.fidx and not s.pending else me
    s.over, s.outcome = v["over"], v.get("outcome", "")
    s.rng = r
    return s
