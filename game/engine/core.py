"""The engine's public API: new_game, legal_actions, apply, current_decider, is_over.

Every change of state is an Action applied here; an illegal action raises
IllegalAction and leaves the state unchanged.

What is legal: `why_not(state, action)` is the rule (None: legal), and `is_legal` says it as a
bool. `legal_actions` lists every legal action except proposals, which it lists as a *menu*:
a few useful bundles (`proposal_menu`), while any other bundle `why_not` accepts may be sent too.
"""
from __future__ import annotations

from game.engine import bits, facilitator, prices, proposals, rng
from game.engine import ops  # noqa: F401 - registers every rule primitive in the tables effects, prices and conditions dispatch through
from game.engine.actions import ANSWER, PASS, PLAY, PROPOSE, Action, IllegalAction, Proposal
from game.engine.compiled import compile_ruleset
from game.engine.effects import Ctx, change_trust, draw, move_track, run, test, who
from game.engine.flow import advance
from game.engine.problems import Problem, problem as _p
from game.engine.state import (
    ACT, CHOICE, COUNTER, NEGOTIATE, NEGOTIATION, PROPOSAL, RESPONSE, VOTE, Decision, DecisionKind, State,
)
from game.rules.schema import Ruleset, text_of


ANSWERS = {
    VOTE: ("yes", "no"),
    PROPOSAL: ("accept", "reject", "counter"),
}
OPTIONED = (RESPONSE, CHOICE)  # decisions whose options come from the ruleset


def new_game(ruleset: Ruleset, seed: int, seats: dict[str, str] | None = None) -> tuple[State, list[dict]]:
    """A new game at its first decision, and the events of setting it up."""
    g = compile_ruleset(ruleset)
    state = _start(g).clone()
    state.seed = seed
    state.rng = rng.initial(seed)
    for f in range(g.n):
        state.rng, state.decks[f] = rng.shuffled(state.rng, g.deck_cards[f])
    state.rng, state.event_deck = rng.shuffled(state.rng, state.event_deck)
    seats = seats or {}
    state.seats = tuple((f, seats.get(f, "ai:normal")) for f in g.factions)
    out: list[dict] = [{"type": "setup", "seed": seed, "ruleset": text_of(ruleset.name)}]
    for f in range(g.n):
        draw(state, f, ruleset.turn.hand_size, out)
    advance(state, out)
    return state, out


def _start(g) -> State:
    """The position before any card or event is shuffled, built once per compiled ruleset."""
    if g.start is not None:
        return g.start
    ruleset = g.ruleset
    state = g.start = State(game=g, seed=0, rng=0)
    res_defaults = {r.id: bits.clamp(0, r.min, r.max) for r in ruleset.resources}
    for fac in ruleset.factions:
        row = []
        for r, rid in enumerate(g.resources):
            v = fac.start.get(rid, res_defaults[rid])
            row.append(bits.clamp(v, g.rmin[r], g.rmax[r]))
        state.res.append(row)
    state.tracks = [t.start for t in ruleset.tracks]
    tr = ruleset.trust
    state.trust = [0 if a == b else tr.start for a in range(g.n) for b in range(g.n)]
    for p in tr.pairs:
        if p.a in g.fidx and p.b in g.fidx:
            a, b = g.fidx[p.a], g.fidx[p.b]
            v = bits.clamp(p.value, tr.min, tr.max)
            state.trust[a * g.n + b] = state.trust[b * g.n + a] = v
    state.decks = [[] for _ in range(g.n)]
    state.hands = [()] * g.n
    state.discards = [()] * g.n
    state.removed = [[] for _ in range(g.n)]
    state.event_deck = list(range(len(g.events)))
    state.members = [bits.of(g.fidx[m] for m in co.members if m in g.fidx) for co in g.coalitions]
    state.ballots = [-1] * g.n
    state.actions_left = [0] * g.n
    state.proposals_left = [0] * g.n
    state.played = [0] * len(g.cards)
    state.history = [tuple(state.tracks)]
    return state


def is_over(state: State) -> bool:
    """Whether the game has ended (see `state.outcome` for how)."""
    return state.over


def current_decider(state: State) -> str | None:
    """The faction that must act now, or None when the game is over."""
    if state.over:
        return None
    if state.pending:
        return state.game.factions[state.pending[0].faction]
    return state.game.factions[state.turn_idx]


def decision_kind(state: State) -> DecisionKind:
    """What the current decider is asked: negotiate, act, response, choice, vote, proposal, counter
    (or over)."""
    if state.over:
        return DecisionKind.OVER
    if state.pending:
        return state.pending[0].kind
    return NEGOTIATE if state.phase == NEGOTIATION else ACT


def options_of(state: State, d: Decision) -> list:
    """The schema Options open to a response/choice decision: those whose `requires` holds, whose
    price the chooser can pay and whose joins can happen. There is always at least one: the
    loader makes sure every option list has an option without a price."""
    g = state.game
    _holder, options = g.sources[d.src]
    if not g.conditional[d.src]:
        return options[:]
    ok = [o for o, simple in zip(options, g.simple_options[d.src]) if simple or option_problem(state, d, o) is None]
    return ok or [o for o in options if not any(e.op in ("pay", "join") for e in o.effects)][:1] or options[:1]


def all_options(state: State, d: Decision) -> list[tuple[object, Problem | None]]:
    """Every option of a response/choice decision with why it is closed now (None when open),
    for front ends that show closed options dimmed."""
    _holder, options = state.game.sources[d.src]
    open_ids = {o.id for o in options_of(state, d)}
    return [(o, None if o.id in open_ids else (option_problem(state, d, o) or _p("condition", state.game)))
            for o in options]


def option_problem(state: State, d: Decision, o) -> Problem | None:
    """Why option `o` of decision `d` is closed now, or None when it is open."""
    g = state.game
    ctx = prices.Roles(d.actor, d.target, d.faction)
    if o.requires is not None and not test(state, o.requires, ctx):
        return _p("condition", g)
    p = prices.static_price(g, o.effects)
    if not p.pays and not p.joins:
        return None
    k = prices.joins_blocked(state, o.effects, ctx)
    if k >= 0:
        return _join_problem(state, d.faction, k)
    short = prices.shortfall(state, d.faction, prices.needs_of(state, o.effects, ctx))
    if short is not None:
        return _cost_problem(state, d.faction, short)
    return None


def play_problem(state: State, f: int, card: str, target: str = "") -> Problem | None:
    """Why faction number `f` may not play `card` at `target` now, or None when it may."""
    g = state.game
    c = g.cidx.get(card)
    if c is None:
        return _p("no_card", g, card=card)
    if c not in state.hands[f]:
        return _p("not_in_hand", g, card=card, f=g.factions[f])
    spec = g.cards[c]
    short = prices.shortfall(state, f, card_needs(state, f, c))
    if short is not None:
        return _cost_problem(state, f, short)
    t = -1
    if spec.target == "faction":
        if not target:
            return _p("choose_target", g)
        t = g.fidx.get(target, -1)
        if t < 0:
            return _p("no_faction", g, t=target)
        if t == f:
            return _p("self", g)
        if spec.targets is not None and target not in spec.targets:
            return _p("only", g, ts=tuple(spec.targets))
    elif target:
        return _p("no_target", g)
    return _condition_problem(state, f, c, t) or _move_problem(state, f, c, t)


def card_needs(state: State, f: int, c: int) -> dict[int, int]:
    """The price of playing card `c` for `f`: its cost and the pays and joins at the top of its effects."""
    g = state.game
    spec = g.cards[c]
    return prices.needs_of(state, spec.effects, Ctx(f, -1, f), {g.cost_r: spec.cost} if spec.cost else None)


def _cost_problem(state: State, f: int, short: tuple[int, int, int]) -> Problem:
    g = state.game
    r, need, has = short
    return _p("cost", g, cost=need, res=g.resources[r], f=g.factions[f], has=has)


def _join_problem(state: State, f: int, k: int) -> Problem:
    g = state.game
    key = "member" if bits.has(state.members[k], f) else "may_not_join"
    return _p(key, g, t=g.factions[f], k=g.coalitions[k].id)


def _move_problem(state: State, f: int, c: int, t: int) -> Problem | None:
    """Why `f` playing card `c` at `t` would be an empty move: its target cannot join the
    coalition it is invited to, or nothing the card does would change the state now."""
    g = state.game
    inv = g.invites[c]
    if inv and t >= 0 and not any(prices.may_join(state, t, k) for k in inv):
        return _join_problem(state, t, inv[0])
    if not _does(state, g, c, prices.Roles(f, t, f)):
        return _p("empty", g)
    return None


def does_something(state: State, f: int, c: int, t: int) -> bool:
    """Whether `f` playing card `c` at `t` would change anything beyond its price: its effects,
    or an answer its responder could give, or a vote."""
    return _does(state, state.game, c, prices.Roles(f, t, f))


def _does(state: State, g, c: int, roles) -> bool:
    """`does_something` with the roles given (legal_actions reuses one, changing its target)."""
    if g.card_fx[c](state, roles):
        return True
    spec = g.cards[c]
    if spec.vote is not None:
        return True
    if spec.response is not None:
        f, t = roles.actor, roles.target
        for r in who(state, spec.response.who, roles):
            rctx = prices.Roles(f, t, r)
            for o, fx in zip(spec.response.options, g.card_answer_fx[c]):
                if (o.requires is None or test(state, o.requires, rctx)) and fx(state, rctx):
                    return True
    return False


def _condition_problem(state: State, f: int, c: int, t: int) -> Problem | None:
    """What the state forbids about `f` playing card `c` at `t` (-1: no target): the card's
    condition and binding promises."""
    g = state.game
    spec = g.cards[c]
    if spec.requires is not None and not test(state, spec.requires, Ctx(f, t, f)):
        return _p("condition", g)
    if g.binding and t >= 0:
        for cm in state.commitments:
            if cm.by == f and cm.toward == t and cm.tag in g.card_tags[c]:
                return _p("promise", g, t=g.factions[t], tag=cm.tag)
    return None


def legal_actions(state: State, faction: str) -> list[Action]:
    """What `faction` may do now; empty unless it is the one to decide.

    Complete for every decision but proposals: each card play, pass and answer `why_not` accepts
    is listed, and nothing else. In the negotiation (and when a counter-proposal may be made) the
    proposals listed are a menu (`proposal_menu`): any other bundle `why_not` accepts may also be
    sent. `is_legal` is the rule for everything."""
    if state.over:
        return []
    g = state.game
    f = g.fidx.get(faction, -1)
    if state.pending:
        d = state.pending[0]
        if d.faction != f:
            return []
        if d.kind == COUNTER:
            return proposals.menu_actions(state, f, d.actor)
        answers = g.answers[f]
        if d.kind in OPTIONED:
            return [answers[o.id] for o in options_of(state, d)]
        return [answers[o] for o in answer_ids(state, d)]
    if state.turn_idx != f:
        return []
    if state.phase == NEGOTIATION:
        return proposals.menu_actions(state, f)
    # the same checks as play_problem, each card's price once, its targets from the compiled table
    acts = []
    roles = prices.Roles(f, -1, f)
    budget = state.res[f][g.cost_r] - g.rmin[g.cost_r]
    promises = g.binding and state.commitments
    for c in dict.fromkeys(state.hands[f]):
        spec = g.cards[c]
        if g.card_priced[c]:
            if prices.shortfall(state, f, card_needs(state, f, c)) is not None:
                continue
        elif spec.cost > budget:
            continue
        free = spec.requires is None and not promises  # no condition or promise can rule out a target
        inv = g.invites[c]
        for t, a in g.plays[f][c]:
            if not free and _condition_problem(state, f, c, t) is not None:
                continue
            if inv and t >= 0 and not any(prices.may_join(state, t, k) for k in inv):
                continue
            roles.target = t
            if _does(state, g, c, roles):  # the same tests as _move_problem
                acts.append(a)
    acts.append(g.pass_actions[f])
    return acts


def answer_ids(state: State, d: Decision) -> tuple[str, ...]:
    """The answers to a vote or a proposal; "counter" only while the answering faction has a
    counter left this round: a counter uses one of its proposals, and `extra_counters` more are
    allowed beyond them (its proposals left go below zero), so negotiation always ends."""
    ids = ANSWERS[d.kind]
    if d.kind == "proposal" and state.proposals_left[d.faction] <= -state.game.ruleset.turn.proposals.extra_counters:
        return ids[:2]
    return ids


def why_not(state: State, action: Action) -> Problem | None:
    """Why an action is illegal now, or None when it is legal: the rule for what `apply` accepts
    (`problem.code` names the rule, `problem.text(lang)` says it in words)."""
    if action.kind in facilitator.KINDS:
        return facilitator.problem(state, action)
    g = state.game
    if state.over:
        return _p("game_over", g)
    f = g.fidx.get(action.faction)
    if f is None:
        return _p("no_such_faction", g, f=action.faction)
    d = state.pending[0] if state.pending else None
    if f != (d.faction if d else state.turn_idx):
        return _p("not_your_decision", g, decider=current_decider(state), kind=decision_kind(state),
                  f=action.faction)
    kind = d.kind if d else NEGOTIATE if state.phase == NEGOTIATION else ACT
    if action.kind == ANSWER:
        if kind in OPTIONED:
            ids = [o.id for o in options_of(state, d)]
            if action.option not in ids:
                closed = next((p for o, p in all_options(state, d) if o.id == action.option and p), None)
                if closed:
                    return _p("option_closed", g, option=action.option, why=closed)
        elif kind in ANSWERS:
            ids = answer_ids(state, d)
            if action.option == "counter" and "counter" not in ids:
                return _p("no_counter_left", g, f=action.faction)
        else:
            return _p("nothing_to_answer", g, f=action.faction,
                      kind=NEGOTIATE if kind == NEGOTIATE else ACT)
        return None if action.option in ids else _p("not_an_option", g, option=action.option, options=tuple(ids))
    if action.kind == PASS:
        if kind in (NEGOTIATE, ACT, COUNTER):
            return None
        return _p("must_answer", g, f=action.faction, kind=kind)
    if action.kind == PROPOSE:
        if kind not in (NEGOTIATE, COUNTER):
            return _p("not_negotiation", g)
        if action.proposal is None:
            return _p("no_proposal", g)
        only_to = state.pending[0].actor if kind == COUNTER else -1
        return proposals.problem(state, f, action.proposal, only_to)
    if action.kind == PLAY:
        if kind != ACT:
            return _p("not_actions", g, f=action.faction, kind=kind)
        return play_problem(state, f, action.card, action.target)
    return _p("unknown_kind", g, kind=action.kind)


def is_legal(state: State, action: Action) -> bool:
    """Whether `apply` accepts `action` now (`why_not` says why not). Unlike membership in
    `legal_actions`, this holds for every proposal the rules allow, not only the menu's."""
    return why_not(state, action) is None


def proposal_menu(state: State, faction: str) -> list[Action]:
    """The proposals `legal_actions` offers `faction` now: a menu of useful bundles (promises,
    small gifts, invitations to join), not every bundle the rules allow (`is_legal` says which
    others may be sent). Empty unless `faction` is negotiating or may counter."""
    return [a for a in legal_actions(state, faction) if a.kind == PROPOSE]


def apply(state: State, action: Action) -> tuple[State, list[dict]]:
    """The state after `action` and the events it caused; `state` itself is never changed.
    Raises IllegalAction (the state unchanged) when `why_not` names a problem."""
    problem = why_not(state, action)
    if problem is not None:
        raise IllegalAction(f"{action.faction} cannot {action.kind}: {problem}", problem)
    new = state.clone()
    out: list[dict] = []
    if action.kind in facilitator.KINDS:
        facilitator.apply_to(new, action, out)
        new.steps += 1
        return new, out
    g = new.game
    f = g.fidx[action.faction]
    if action.kind == PLAY:
        _play(new, f, action, out)
    elif action.kind == PASS:
        _pass(new, f, out)
    elif action.kind == PROPOSE:
        _propose(new, f, action.proposal, out)
    else:
        _answer(new, f, action.option, out)
    advance(new, out)
    new.steps += 1
    return new, out


def _end_turn(state: State, f: int) -> None:
    state.turn_idx = (f + 1) % state.game.n


def _pass(state: State, f: int, out: list) -> None:
    g = state.game
    if state.pending:  # declining to counter
        state.pending.pop(0)
        out.append({"type": "pass", "faction": g.factions[f], "phase": "counter"})
        return
    if state.phase == NEGOTIATION:
        state.proposals_left[f] = 0
    else:
        state.actions_left[f] -= 1
    out.append({"type": "pass", "faction": g.factions[f], "phase": state.phase})
    _end_turn(state, f)


def _play(state: State, f: int, action: Action, out: list) -> None:
    g = state.game
    c = g.cidx[action.card]
    spec = g.cards[c]
    t = g.fidx[action.target] if action.target else -1
    hand = state.hands[f]
    i = hand.index(c)
    state.hands[f] = hand[:i] + hand[i + 1:]
    state.res[f][g.cost_r] -= spec.cost
    state.played[c] += 1
    state.actions_left[f] -= 1
    _end_turn(state, f)
    out.append({"type": "play", "faction": g.factions[f], "card": spec.id, "target": action.target,
                "cost": spec.cost, "tags": list(spec.tags)})
    if t >= 0:
        _break_commitments(state, f, t, c, out)
    ctx = Ctx(f, t, f)
    run(state, spec.effects, ctx, out)
    state.discards[f] = (*state.discards[f], c)
    if state.over:
        return
    if spec.response is not None:
        src = g.source_index(spec.response)
        for r in who(state, spec.response.who, ctx):
            ctx.queue.append(Decision(RESPONSE, r, src, f, t, c))
    if spec.vote is not None:
        state.ballots = [-1] * g.n
        out.append({"type": "vote_open", "card": spec.id, "by": g.factions[f], "threshold": spec.vote.threshold})
        for v in range(g.n):
            ctx.queue.append(Decision(VOTE, v, -1, f, t, c))
    state.pending[:0] = ctx.queue


def _break_commitments(state: State, f: int, t: int, c: int, out: list) -> None:
    g = state.game
    rules = g.ruleset.turn.proposals
    tags = g.card_tags[c]
    kept = []
    for cm in state.commitments:
        if cm.by == f and cm.toward == t and cm.tag in tags:
            out.append({"type": "commitment_broken", "by": g.factions[f], "toward": g.factions[t],
                        "tag": cm.tag, "card": g.cards[c].id})
            for p in set(cm.parties or (t,)) - {f}:
                change_trust(state, f, p, rules.break_trust, out)
            if rules.break_track and rules.break_track in g.tidx:
                move_track(state, g.tidx[rules.break_track], rules.break_track_delta, Ctx(f), out)
        else:
            kept.append(cm)
    state.commitments = kept


def _propose(state: State, f: int, proposal: Proposal, out: list) -> None:
    if state.pending and state.pending[0].kind == COUNTER:
        state.pending.pop(0)
        state.proposals_left[f] -= 1  # a counter-proposal is one of the counter-proposer's proposals
    else:
        state.proposals_left[f] -= 1
        _end_turn(state, f)
    op = proposals.open_proposal(state, f, proposal, out)
    state.pending[:0] = [Decision(PROPOSAL, r, -1, f, r, op.id) for r in op.recipients]


def _answer(state: State, f: int, option: str, out: list) -> None:
    g = state.game
    d = state.pending.pop(0)
    if d.kind in OPTIONED:
        opt = next(o for o in options_of(state, d) if o.id == option)
        holder, _ = g.sources[d.src]
        out.append({"type": "answer", "kind": d.kind, "faction": g.factions[f], "option": opt.id,
                    "hint": opt.ai_hint, "src": d.src, "to": g.factions[d.actor] if d.actor >= 0 else "",
                    "card": g.cards[d.ref].id if d.kind == "response" else "",
                    "event": g.events[d.ref].id if d.kind == "choice" and d.ref >= 0 else ""})
        ctx = Ctx(d.actor, d.target, f)
        run(state, opt.effects, ctx, out)
        state.pending[:0] = ctx.queue
    elif d.kind == VOTE:
        state.ballots[f] = 1 if option == "yes" else 0
        out.append({"type": "ballot", "faction": g.factions[f]})  # secret until all have voted
        if not any(p.kind == VOTE and p.ref == d.ref for p in state.pending):
            _count_votes(state, d, out)
    elif d.kind == PROPOSAL:
        op = proposals.find(state, d.ref)
        if option == "accept":
            out.append({"type": "accept", "faction": g.factions[f], "id": d.ref})
            op = type(op)(op.id, op.proposer, op.recipients, op.terms, op.accepted + (f,))
            state.proposals = [op if p.id == op.id else p for p in state.proposals]
            if set(op.accepted) >= set(op.recipients):
                proposals.enact(state, op, out)
        else:
            out.append({"type": "reject", "faction": g.factions[f], "id": d.ref, "counter": option == "counter"})
            state.proposals = [p for p in state.proposals if p.id != d.ref]
            state.pending = [p for p in state.pending if not (p.kind == PROPOSAL and p.ref == d.ref)]
            if option == "counter":
                state.pending.insert(0, Decision(COUNTER, f, -1, op.proposer, f, d.ref))


def _count_votes(state: State, d: Decision, out: list) -> None:
    g = state.game
    vote = g.cards[d.ref].vote
    yes = sum(1 for b in state.ballots if b == 1)
    passed = yes >= vote.threshold
    out.append({"type": "vote_result", "card": g.cards[d.ref].id, "yes": yes, "threshold": vote.threshold,
                "passed": passed,
                "ballots": {g.factions[i]: ("yes" if b == 1 else "no") for i, b in enumerate(state.ballots)}})
    state.ballots = [-1] * g.n
    ctx = Ctx(d.actor, d.target, d.actor)
    run(state, vote.passed if passed else vote.failed, ctx, out)
    state.pending[:0] = ctx.queue
