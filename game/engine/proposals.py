"""Proposals: bundles of terms that take effect only when every recipient accepts."""
from __future__ import annotations

from game.engine import bits, prices
from game.engine.actions import Action, Proposal, Term
from game.engine.effects import Ctx, change_trust, join
from game.engine.problems import Problem, problem as _p
from game.engine.state import Commitment, OpenProposal, State


def problem(state: State, proposer: int, proposal: Proposal, only_to: int = -1) -> Problem | None:
    """Why this proposal may not be sent, or None when it may."""
    g = state.game
    rules = g.ruleset.turn.proposals
    me = g.factions[proposer]
    if not proposal.recipients:
        return _p("no_recipient", g)
    if len(set(proposal.recipients)) != len(proposal.recipients):
        return _p("recipient_twice", g)
    for r in proposal.recipients:
        if r not in g.fidx:
            return _p("no_recipient_faction", g, r=r)
        if r == me:
            return _p("to_yourself", g)
    if only_to >= 0 and proposal.recipients != (g.factions[only_to],):
        return _p("counter_to", g, r=g.factions[only_to])
    if not proposal.terms:
        return _p("no_terms", g)
    if len(proposal.terms) > rules.max_terms:
        return _p("too_many_terms", g, n=rules.max_terms)
    parties = {me, *proposal.recipients}
    for t in proposal.terms:
        if t.a not in parties or (t.b and t.b not in parties):
            return _p("not_a_party", g, term=t.kind)
        if t.kind == "give":
            if t.what not in rules.tradeable:
                return _p("not_tradeable", g, resource=t.what, tradeable=tuple(rules.tradeable))
            if not 1 <= t.amount <= rules.max_amount:
                return _p("amount", g, n=rules.max_amount)
            if not t.b or t.b == t.a:
                return _p("gift_receiver", g)
        elif t.kind == "promise":
            if t.what not in rules.promise_tags:
                return _p("promise_tag", g, tags=tuple(rules.promise_tags))
            if not t.b or t.b == t.a:
                return _p("promise_toward", g)
        elif t.kind == "join":
            k = g.kidx.get(t.what)
            if k is None:
                return _p("no_coalition", g, coalition=t.what)
            co = g.coalitions[k]
            if bits.has(state.members[k], g.fidx[t.a]):
                return _p("term_member", g, a=t.a, coalition=t.what)
            if co.may_join is not None and t.a not in co.may_join:
                return _p("term_may_not_join", g, a=t.a, coalition=t.what)
        else:
            return _p("unknown_term", g, term=t.kind)
    return honour_problem(state, proposal.terms)


def honour_problem(state: State, terms) -> Problem | None:
    """Why the terms cannot be honoured now, or None: every giver must have what it gives (and
    what its joins cost), every receiver room for what it gets, every joiner a place to join.
    Checked when a deal is proposed and again when the last party accepts."""
    g = state.game
    needs: dict[int, dict[int, int]] = {}   # faction -> resource -> amount leaving it
    gets: dict[int, dict[int, int]] = {}    # faction -> resource -> amount arriving
    for t in terms:
        a = g.fidx[t.a]
        if t.kind == "give":
            r, b = g.ridx[t.what], g.fidx[t.b]
            needs.setdefault(a, {})[r] = needs.get(a, {}).get(r, 0) + t.amount
            gets.setdefault(b, {})[r] = gets.get(b, {}).get(r, 0) + t.amount
        elif t.kind == "join":
            k = g.kidx[t.what]
            if not prices.may_join(state, a, k):
                return _p("can_no_longer_join", g, a=t.a, coalition=t.what)
            for r, amount in prices.join_needs(state, k):
                needs.setdefault(a, {})[r] = needs.get(a, {}).get(r, 0) + amount
    for f, want in needs.items():
        short = prices.shortfall(state, f, want)
        if short is not None:
            r, amount, has = short
            return _p("deal_short", g, a=g.factions[f], has=has, resource=g.resources[r], n=amount)
    for f, arriving in gets.items():
        for r, amount in arriving.items():
            if state.res[f][r] + amount > g.rmax[r]:
                return _p("deal_room", g, a=g.factions[f], n=amount, resource=g.resources[r], max=g.rmax[r])
    return None


def _static_menu(g, proposer: int, r: int) -> list[Proposal]:
    """The menu entries toward `r` that do not depend on the state (promises and gifts)."""
    rules = g.ruleset.turn.proposals
    me, you = g.factions[proposer], g.factions[r]
    rec = (you,)
    # one object per distinct term, shared by the entries (a bot values each term once)
    mine = {tag: Term("promise", me, tag, you) for tag in rules.promise_tags}
    yours = {tag: Term("promise", you, tag, me) for tag in rules.promise_tags}
    gifts = {(res, n): Term("give", me, res, you, n) for res in rules.tradeable for n in {1, min(2, rules.max_amount)}}
    out: list[Proposal] = []
    for tag in rules.promise_tags:
        out.append(Proposal(rec, (mine[tag], yours[tag])))
        out.append(Proposal(rec, (yours[tag],)))
    for res in rules.tradeable:
        for amount in sorted({1, min(2, rules.max_amount)}):
            out.append(Proposal(rec, (gifts[res, amount],)))
        for tag in rules.promise_tags:
            out.append(Proposal(rec, (gifts[res, 1], yours[tag])))
    # every entry is built valid by construction except for the bundle size
    return [p for p in out if len(p.terms) <= rules.max_terms]


def menu(state: State, proposer: int, only_to: int = -1) -> list[Proposal]:
    """A finite menu of simple proposals for enumeration (any valid bundle is also accepted).

    The state-independent part is built once per compiled ruleset and reused; only coalition
    entries depend on the state (who is a member)."""
    g = state.game
    cache = g.menu_static
    out: list[Proposal] = []
    for r in range(g.n):
        if r == proposer or (only_to >= 0 and r != only_to):
            continue
        key = (proposer, r)
        static = cache.get(key)
        if static is None:
            static = cache[key] = _static_menu(g, proposer, r)
        out.extend(static)
        you = g.factions[r]
        for k, co in enumerate(g.coalitions):
            if bits.has(state.members[k], proposer) and not bits.has(state.members[k], r):
                if co.may_join is None or you in co.may_join:
                    out.append(Proposal((you,), (Term("join", you, co.id),)))
    return out


def menu_actions(state: State, proposer: int, only_to: int = -1) -> list[Action]:
    """`menu` as propose actions, led by a pass, without the entries that cannot be honoured
    now. The actions are built once per ruleset; each recipient's block of gifts and promises
    is checked by its few distinct gifts, and the joins by who is a member now."""
    g = state.game
    res, rmin, rmax, members = state.res, g.rmin, g.rmax, state.members
    mine = res[proposer]
    static, joins = action_tables(g)[proposer]
    out: list[Action] = [g.pass_actions[proposer]]
    for r in range(g.n):
        if r == proposer or (only_to >= 0 and r != only_to):
            continue
        acts, checks, gifts = static[r]
        theirs = res[r]
        bad = [c for c in gifts if mine[c[0]] - c[1] < rmin[c[0]] or theirs[c[0]] + c[1] > rmax[c[0]]]
        if bad:
            out.extend(a for a, c in zip(acts, checks) if c not in bad)
        else:
            out.extend(acts)
        for k, act, needs in joins[r]:
            m = members[k]
            if bits.has(m, proposer) and not bits.has(m, r) and (not needs or prices.shortfall(state, r, needs) is None):
                out.append(act)
    return out


def action_tables(g) -> list:
    """For each proposer and recipient: the static menu's propose actions with each one's gift
    check ((resource, amount) or None) and the distinct gift checks, and a (coalition, action,
    joining price) triple for each coalition the recipient may be asked to join."""
    if g.menu_tables is not None:
        return g.menu_tables
    props = g.menu_static
    tables = g.menu_tables = []
    for p in range(g.n):
        me = g.factions[p]
        static, joins = [], []
        for r, you in enumerate(g.factions):
            if r == p:
                static.append(((), (), ()))
                joins.append([])
                continue
            if (p, r) not in props:
                props[p, r] = _static_menu(g, p, r)
            acts = tuple(Action("propose", me, proposal=x) for x in props[p, r])
            checks = tuple(_gift_check(g, x) for x in props[p, r])
            static.append((acts, checks, tuple(dict.fromkeys(c for c in checks if c is not None))))
            joins.append([(k, Action("propose", me, proposal=Proposal((you,), (Term("join", you, co.id),))),
                           dict(_join_needs(g, k)))
                          for k, co in enumerate(g.coalitions) if co.may_join is None or you in co.may_join])
        tables.append((static, joins))
    return tables


def _join_needs(g, k: int) -> tuple[tuple[int, int], ...]:
    return prices.static_price(g, g.coalitions[k].on_join).pays


def _gift_check(g, proposal: Proposal) -> tuple | None:
    """A static menu entry's one gift (the proposer's, to the recipient) as (resource, amount),
    or None without a gift."""
    gifts = [t for t in proposal.terms if t.kind == "give"]
    assert len(gifts) <= 1, "a static menu entry holds at most one gift"
    return (g.ridx[gifts[0].what], gifts[0].amount) if gifts else None


def open_proposal(state: State, proposer: int, proposal: Proposal, out: list) -> OpenProposal:
    """Put `proposal` on the table, numbered, and say so in `out`."""
    g = state.game
    op = OpenProposal(state.next_proposal, proposer, tuple(g.fidx[r] for r in proposal.recipients),
                      proposal.terms)
    state.next_proposal += 1
    state.proposals.append(op)
    out.append({"type": "proposal", "id": op.id, "from": g.factions[proposer],
                "to": list(proposal.recipients), "terms": [t.to_dict() for t in proposal.terms]})
    return op


def find(state: State, pid: int) -> OpenProposal | None:
    """The open proposal numbered `pid`, or None."""
    for p in state.proposals:
        if p.id == pid:
            return p
    return None


def enact(state: State, op: OpenProposal, out: list) -> None:
    """Every recipient accepted: apply gifts and joins, record promises, raise trust. A deal
    that can no longer be honoured in full fails as a whole (nothing moves, no trust)."""
    g = state.game
    rules = g.ruleset.turn.proposals
    parties = (op.proposer, *op.recipients)
    problem = honour_problem(state, op.terms)
    if problem is not None:
        state.proposals = [p for p in state.proposals if p.id != op.id]
        out.append({"type": "deal_failed", "id": op.id, "from": g.factions[op.proposer],
                    "to": [g.factions[r] for r in op.recipients], "why": str(problem)})
        return
    for t in op.terms:
        a = g.fidx[t.a]
        if t.kind == "give":
            b = g.fidx[t.b]
            r = g.ridx[t.what]
            state.res[a][r] -= t.amount
            state.res[b][r] += t.amount
            out.append({"type": "transfer", "from": t.a, "to": t.b, "resource": t.what, "amount": t.amount,
                        "value": state.res[a][r], "to_value": state.res[b][r]})
        elif t.kind == "promise":
            b = g.fidx[t.b]
            state.commitments.append(Commitment(a, b, t.what, rules.commitment_rounds, f"proposal:{op.id}", parties))
            out.append({"type": "commitment", "by": t.a, "toward": t.b, "tag": t.what,
                        "rounds": rules.commitment_rounds})
        elif t.kind == "join":
            join(state, a, g.kidx[t.what], Ctx(a, -1, a), out)
    for i, x in enumerate(parties):
        for y in parties[i + 1:]:
            change_trust(state, x, y, rules.accept_trust, out)
    state.proposals = [p for p in state.proposals if p.id != op.id]
    out.append({"type": "deal", "id": op.id, "from": g.factions[op.proposer],
                "to": [g.factions[r] for r in op.recipients]})
