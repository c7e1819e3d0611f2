"""The scripted bot: an ordered list of rules with a fixed tie-break, after the COIN series'
non-player flowcharts and Root's Clockwork bots. Every decision returns the action and a
one-line reason naming the rule and the facts that fired it.

What it reads: the legal actions, the public ruleset (through `knowledge`) and only the parts
of the state that `view(state, faction)` shows the faction — tracks, resources, trust,
coalitions, commitments, flags, the round, its own hand and its own pending decision. It
reads them straight from the state instead of building the view dict, which is what makes a
decision take microseconds; tests/test_ai.py checks that shuffling everything the faction
cannot see never changes a choice.

Tie-break everywhere: higher value, then lower cost, then the order of the legal actions
(ruleset card order, faction order, option order).
"""
from __future__ import annotations

from game.ai.knowledge import (
    DISCARD, DRAW, ENTER, FIXED, GIVE, JOIN, OTHER, PROMISE, RES, TRACK, TRANSFER, TRUST, Atom, decode_term, knowledge,
    tag_bonus,
)
from game.ai.reasons import lang_of, say
from game.engine import Action, bits, legal_actions, Ctx as EffectCtx, decision_kind, may_join, Roles, State, who

# how much a faction minds a rival's gain, per point of the rival's score
RIVAL = 0.2
TRUST_VALUE = 0.25
MIN_DEAL = 0.3


class Traits:
    """Difficulty as traits, never bonuses: how far ahead a bot looks and how much it minds risk."""

    __slots__ = ("horizon", "caution", "noise")

    def __init__(self, horizon: float = 1.0, caution: float = 1.0, noise: int = 0) -> None:
        self.horizon = horizon    # share of the remaining rounds it counts (easy: short-sighted)
        self.caution = caution    # how much it weighs the danger of war
        self.noise = noise        # percent of decisions taken at random (easy)


NORMAL = Traits()


class Ctx:
    """The facts of one decision, computed once."""

    __slots__ = ("st", "g", "k", "me", "viewer", "ai", "W", "TW", "T", "danger", "shadow", "left", "alpha",
                 "traits", "lang", "gives_up", "facts", "promised")

    def __init__(self, state: State, me: int, traits: Traits, lang: str = "en") -> None:
        g = state.game
        k = knowledge(g)
        self.st = state
        self.g = g
        self.k = k
        self.me = me
        self.viewer = me  # never changes: whose hand may be read
        self.traits = traits
        self.lang = lang
        self.gives_up: dict[str, float] = {}  # tag -> what promising it costs this faction
        self.facts: dict = {}  # role-free condition test -> its result on this state
        self.promised = {cm.toward for cm in state.commitments if cm.by == me}  # whom it has promised
        self.ai = k.personality[me]
        self.W = k.weights
        self.TW = k.track_w[me]
        rounds = g.ruleset.turn.rounds
        self.left = max(1.0, (rounds - state.round + 1) * traits.horizon)
        self.T = state.tracks[k.war_track] if k.war_track >= 0 else 0
        if k.war_track >= 0 and k.war_at > 0:
            level = self.T / k.war_at
            self.danger = k.war_cost * 0.2 * level * level * (1.5 - self.ai.risk) * traits.caution
        else:
            self.danger = 0.0
        self.shadow = 0.15 + 0.35 * min(1.0, self.left / rounds)
        self.alpha = RIVAL * (0.5 + self.ai.hawk)


def res_value(c: Ctx, x: int, r: int, d: float) -> float:
    """What a change of `d` in faction x's resource r is worth to the deciding faction (nothing
    when the resource is already at the bound it moves toward: the change would not happen)."""
    v = c.st.res[x][r]
    if (d > 0 and v >= c.g.rmax[r]) or (d < 0 and v <= c.g.rmin[r]):
        return 0.0
    if x == c.me:
        w = c.W[x][r]
        if r == c.g.cost_r:
            w += c.shadow
        if r == c.g.support_r and v + d <= c.g.rmin[r] + 1:
            w += 1.0  # a government about to lose its actions
        return d * w
    return -c.alpha * d * c.W[x][r]


def _track_moves(c: Ctx, t: int, d: float) -> bool:
    """Whether a change of `d` on track t would happen (the track is not at that bound)."""
    v, tr = c.st.tracks[t], c.g.ruleset.tracks[t]
    return (d > 0 and v < tr.max) or (d < 0 and v > tr.min)


def _trust_moves(c: Ctx, x: int, y: int, d: float) -> bool:
    """Whether a change of `d` in the trust of x and y would happen."""
    v, tr = c.st.trust[x * c.g.n + y], c.g.ruleset.trust
    return (d > 0 and v < tr.max) or (d < 0 and v > tr.min)


def coalition_value(c: Ctx, x: int, k: int) -> float:
    """Joining coalition k: its on_join effects once and each_round effects for the rounds left."""
    kn = c.k
    v = value(c, kn.on_join[k], x, -1, x) + value(c, kn.each_round[k], x, -1, x) * c.left
    return v + (c.ai.multilateral - 0.5) if x == c.me else v


class _Joined:
    """The state's public parts as a condition reads them, with some coalition joins applied."""

    __slots__ = ("game", "members", "tracks", "res", "trust", "flags", "round")

    def __init__(self, c: Ctx, joins, actor: int, target: int, chooser: int) -> None:
        st = c.st
        self.game, self.tracks, self.res, self.trust, self.flags, self.round = (
            st.game, st.tracks, st.res, st.trust, st.flags, st.round)
        self.members = list(st.members)
        roles = Roles(actor, target, chooser)
        for co, spec, d in joins:
            k = st.game.kidx[co]
            for x in who(st, spec, roles):
                m = self.members[k]
                self.members[k] = bits.with_(m, x) if d > 0 else bits.without(m, x)


def prob(c: Ctx, a: Atom, actor: int, target: int, chooser: int) -> float:
    """The chance atom `a` happens, its `if` conditions tested on the (public) state."""
    if not a.conds:
        return a.p
    ctx = None
    for holds, wanted, joins, free in a.conds:
        if free and not joins:  # the same for every card and target of this decision
            got = c.facts.get(holds)
            if got is None:
                got = c.facts[holds] = holds(c.st, None)
        else:
            if ctx is None:
                ctx = EffectCtx(actor, target, chooser)
            got = holds(_Joined(c, joins, actor, target, chooser) if joins else c.st, ctx)
        if got != wanted:
            return 0.0
    return a.pc


def value(c: Ctx, atoms: list[Atom], actor: int, target: int, chooser: int) -> float:
    """The expected worth of a list of atoms to the deciding faction."""
    total = 0.0
    me = c.me
    roles = (actor, target, chooser)  # indexed by Atom.role
    r = None  # the roles as `who` reads them, made for the first atom naming no single role
    for a in atoms:
        kind = a.kind
        if a.conds:
            p = prob(c, a, actor, target, chooser)
            if not p:
                continue
            d = a.delta * p
        else:
            p = a.p
            if not p:
                continue
            d = a.dp
        if kind == RES:
            if a.times >= 0:
                d *= max(1, bits.count(c.st.members[a.times]))
            role = a.role
            if role < OTHER:
                x = roles[role] if role != FIXED else a.fixed
                if x >= 0:
                    total += res_value(c, x, a.key, d)
            else:
                if r is None:
                    r = Roles(actor, target, chooser)
                for x in who(c.st, a.who, r):
                    total += res_value(c, x, a.key, d)
        elif kind == TRACK:
            if a.times >= 0:
                d *= max(1, bits.count(c.st.members[a.times]))
            if not _track_moves(c, a.key, d):
                continue
            total += d * c.TW[a.key]
            if a.key == c.k.war_track:
                total -= d * c.danger
        elif kind == TRUST:
            if a.role < FIXED and a.role2 < FIXED:
                x, y = roles[a.role], roles[a.role2]
                if x >= 0 and y >= 0 and x != y and (x == me or y == me) and _trust_moves(c, x, y, d):
                    total += d * TRUST_VALUE
                continue
            if r is None:
                r = Roles(actor, target, chooser)
            for x in who(c.st, a.who, r):
                for y in who(c.st, a.who2, r):
                    if x != y and (x == me or y == me) and _trust_moves(c, x, y, d):
                        total += d * TRUST_VALUE
        elif kind == TRANSFER:
            if r is None:
                r = Roles(actor, target, chooser)
            for x in who(c.st, a.who, r):
                for y in who(c.st, a.who2, r):
                    if x != y:
                        total += res_value(c, x, a.key, -a.delta * p) + res_value(c, y, a.key, a.delta * p)
        elif kind == JOIN:
            if r is None:
                r = Roles(actor, target, chooser)
            for x in who(c.st, a.who, r):
                if x == me and not bits.has(c.st.members[a.key], x):
                    total += p * a.delta * coalition_value(c, x, a.key)
        elif kind == DRAW:
            if r is None:
                r = Roles(actor, target, chooser)
            for x in who(c.st, a.who, r):
                total += (0.3 if x == me else -0.05) * a.delta * p
        elif kind == DISCARD:
            if r is None:
                r = Roles(actor, target, chooser)
            for x in who(c.st, a.who, r):
                total += (-0.3 if x == me else 0.05) * a.delta * p
    return total


def play_value(c: Ctx, ci, t: int) -> float:
    """What playing card `ci` at target `t` (-1: none) is worth to the deciding faction."""
    me = c.me
    v = value(c, ci.atoms, me, t, me)
    if ci.answer_atoms:
        v += value(c, ci.answer_atoms, me, t, t)
    if ci.vote_pass or ci.vote_fail:
        v += 0.5 * value(c, ci.vote_pass, me, t, me) + 0.5 * value(c, ci.vote_fail, me, t, me)
    v -= ci.cost * (c.W[me][c.g.cost_r] + c.shadow)
    v += c.k.tag_bonus[me][ci.index] if c.ai is c.k.personality[me] else tag_bonus(c.ai, ci.tags)
    if t in c.promised:  # (break_cost is 0 toward anyone else)
        v -= break_cost(c, t, ci.tags)
    return v


def break_cost(c: Ctx, t: int, tags) -> float:
    """The price of breaking a promise to `t` by playing a card with these tags (0 when none)."""
    rules = c.g.ruleset.turn.proposals
    cost = 0.0
    for cm in c.st.commitments:
        if cm.by == c.me and cm.toward == t and cm.tag in tags:
            parties = len(set(cm.parties or (t,)) - {c.me})
            cost += -rules.break_trust * TRUST_VALUE * parties + 3.0 * c.ai.loyalty
            if rules.break_track and rules.break_track in c.g.tidx:
                cost -= rules.break_track_delta * c.TW[c.g.tidx[rules.break_track]]
    return cost


def breaks_promise(c: Ctx, t: int, tags) -> bool:
    return any(cm.by == c.me and cm.toward == t and cm.tag in tags for cm in c.st.commitments)


def alarm_level(c: Ctx) -> int:
    """The Tension at which this faction turns to dialogue first."""
    k = c.k
    return max(1, k.war_at - 2 - round(3 * (1 - c.ai.risk)))


# ------------------------------------------------------------------ proposals
def promise_value(c: Ctx, x: int, a: int, b: int, tag: str) -> float:
    """To faction x, the worth of `a` promising not to play `tag` cards against `b`:
    the harm x expects to be spared, or the plays x gives up (dearer to hawks, cheaper to the
    disloyal, who may break it)."""
    k = c.k
    if b == x and a != x:
        return k.spared(x, a, tag)
    if a == x:
        if tag not in k.deck_tags[x]:
            return 0.0
        ai = k.personality[x]
        if x != c.viewer:
            return -(0.1 + 0.6 * ai.hawk) * (1 + 0.5 * 1) * (1.2 - ai.loyalty)
        v = c.gives_up.get(tag)
        if v is None:
            held = sum(1 for ci in c.st.hands[x] if tag in c.g.card_tags[ci])
            v = c.gives_up[tag] = -(0.1 + 0.6 * ai.hawk) * (1 + 0.5 * held) * (1.2 - ai.loyalty)
        return v
    return 0.0


def terms_value(c: Ctx, x: int, proposer: int, recipients, terms) -> float:
    """The worth of a deal to faction x, judged with x's public weights and personality
    (`proposer` and `recipients` are faction indices)."""
    saved = _judge_as(c, x)
    try:
        v = 0.0
        for t in terms:
            v += term_value(c, x, t)
        return v + _trust_bonus(c, x, proposer, recipients)
    finally:
        c.me, c.ai, c.TW = saved


def _judge_as(c: Ctx, x: int) -> tuple:
    """Judge with faction x's (public) weights and personality; returns what to restore."""
    saved = c.me, c.ai, c.TW
    if x != c.me:
        c.me, c.ai, c.TW = x, c.k.personality[x], c.k.track_w[x]
    return saved


def _trust_bonus(c: Ctx, x: int, proposer: int, recipients) -> float:
    """The trust every party gains with the others when a deal is made."""
    parties = (proposer, *recipients)
    if x in parties:
        return c.g.ruleset.turn.proposals.accept_trust * TRUST_VALUE * (len(parties) - 1)
    return 0.0


def term_value(c: Ctx, x: int, t) -> float:
    """One term's worth to faction x (the context already judges as x)."""
    return _term_value(c, x, *decode_term(c.g, t))


def _term_value(c: Ctx, x: int, kind: int, a: int, b: int, key, amount: int) -> float:
    if kind == GIVE:
        return res_value(c, a, key, -amount) + res_value(c, b, key, amount)
    if kind == PROMISE:
        return promise_value(c, x, a, b, key)
    if kind == ENTER:
        if a == x:
            return coalition_value(c, x, key)
        if bits.has(c.st.members[key], x):
            return 0.2 + 0.4 * c.ai.multilateral
    return 0.0


def deal_name(terms, lang: str = "en") -> str:
    kinds = {t.kind for t in terms}
    if "join" in kinds:
        key = "coalition"
    elif kinds == {"promise"}:
        key = "truce" if any(t.what == "tariff" for t in terms) else "pact"
    elif "give" in kinds and "promise" in kinds:
        key = "cost"
    else:
        key = "side"
    return say(lang, "deal." + key)


def describe_terms(k, terms, lang: str = "en") -> str:
    w = k.words(lang)
    parts = []
    for t in terms:
        a = w.names.get(t.a, t.a)
        if t.kind == "give":
            parts.append(say(lang, "term.give", a=a, n=t.amount, res=w.res[k.g.ridx[t.what]], b=w.names.get(t.b, t.b)))
        elif t.kind == "promise":
            parts.append(say(lang, "term.promise", a=a, tag=w.tag(t.what), b=w.names.get(t.b, t.b)))
        elif t.kind == "join":
            parts.append(say(lang, "term.join", a=a, coalition=w.coalitions[k.g.kidx[t.what]]))
    return say(lang, "terms").join(parts)


# ------------------------------------------------------------------ the bot
def _fmt(v: float) -> str:
    return f"{v:+.1f}".replace("-", "−")


def _sn(v: int) -> str:
    return f"{v:+d}".replace("-", "−")


def _n(v: int) -> str:
    return str(v).replace("-", "−")


class ScriptedBot:
    """The `normal` bot (and, with other traits, `easy`); its reasons are written in `lang`."""

    level = "normal"

    def __init__(self, faction: str = "", seed: int = 0, traits: Traits = NORMAL, lang: str = "en",
                 explain: bool = True) -> None:
        self.faction = faction
        self.seed = seed
        self.traits = traits
        self.lang = lang_of(lang)
        self.explain = explain

    def choose(self, state: State, faction: str) -> tuple[Action, str]:
        actions = legal_actions(state, faction)
        if not actions:
            raise ValueError(f"{faction} has nothing to decide now")
        return decide(state, faction, actions, self.traits, explain=self.explain, lang=self.lang)


def decide(state: State, faction: str, actions: list[Action], traits: Traits = NORMAL,
           explain: bool = True, lang: str = "en") -> tuple[Action, str]:
    """The scripted decision for `faction` among `actions` (its legal actions), with its reason
    in `lang` when `explain` (the choice never depends on the language)."""
    g = state.game
    me = g.fidx[faction]
    c = Ctx(state, me, traits, lang)
    if len(actions) == 1:
        return actions[0], say(lang, "only") if explain else ""
    kind = decision_kind(state)  # a DecisionKind, compared as its string
    if kind in ("response", "choice"):
        return _answer_option(c, state.pending[0], actions, explain)
    if kind == "vote":
        return _vote(c, state.pending[0], actions, explain)
    if kind == "proposal":
        return _answer_proposal(c, state.pending[0], actions, explain)
    if kind == "counter":
        return _negotiate(c, actions, explain, counter_to=state.pending[0].actor)
    if actions[0].kind == "pass" and state.phase == "negotiation":
        return _negotiate(c, actions, explain)
    return _act(c, actions, explain)


def _tension(c: Ctx, w) -> str:
    """The name of the track that can end the game in war, in the reasons' language."""
    return w.tracks[c.k.war_track] if c.k.war_track >= 0 else "—"


def _at(c: Ctx, w, key: str, target: str | None) -> str:
    """' at Japan' / '日本に対して' (key 'at' or 'with'), or nothing without a target."""
    return say(c.lang, key, f=w.names[target]) if target else ""


def _act(c: Ctx, actions: list[Action], explain: bool) -> tuple[Action, str]:
    g, k, me = c.g, c.k, c.me
    best = None
    best_v = -1e9
    calm = None
    calm_v = -1e9
    skipped = None
    alarm = alarm_level(c)
    pass_action = None
    for a in actions:
        if a.kind != "play":
            pass_action = a
            continue
        ci = k.cards[g.cidx[a.card]]
        t = g.fidx[a.target] if a.target else -1
        # R1 war guard: never be the one whose card tips the table into war
        if k.war_at > 0 and c.T + ci.tension_sure >= k.war_at:
            skipped = skipped or ci
            continue
        v = play_value(c, ci, t)
        if v > best_v + 1e-9 or (abs(v - best_v) <= 1e-9 and best is not None and ci.cost < k.cards[g.cidx[best.card]].cost):
            best, best_v = a, v
        if c.T >= alarm and ci.tension_max <= 0 and _lowers_tension(c, ci, t) and v > calm_v + 1e-9:
            calm, calm_v = a, v
    lang = c.lang
    # R2 de-escalate: at or above its alarm level it plays dialogue before anything else
    if calm is not None and calm_v > -1.0:
        if not explain:
            return calm, ""
        w = k.words(lang)
        name = w.names[g.factions[me]]
        card = w.cards[g.cidx[calm.card]]
        at = _at(c, w, "with", calm.target)
        if calm.target:
            trust = _n(c.st.trust[me * g.n + g.fidx[calm.target]])
            return calm, say(lang, "R2.trust", name=name, card=card, at=at, tension=_tension(c, w), t=c.T,
                             alarm=alarm, other=w.names[calm.target], trust=trust)
        return calm, say(lang, "R2", name=name, card=card, at=at, tension=_tension(c, w), t=c.T, alarm=alarm)
    # R3/R4 best value (promises kept unless breaking one is worth more than its price)
    if best is not None and best_v > 0:
        if not explain:
            return best, ""
        w = k.words(lang)
        name = w.names[g.factions[me]]
        ci = k.cards[g.cidx[best.card]]
        t = g.fidx[best.target] if best.target else -1
        at = _at(c, w, "at", best.target)
        if t >= 0 and breaks_promise(c, t, ci.tags):
            return best, say(lang, "R3", name=name, card=w.cards[ci.index], at=at, v=_fmt(best_v),
                             loyalty=f"{c.ai.loyalty:.1f}")
        return best, say(lang, "R4", name=name, card=w.cards[ci.index], at=at, v=_fmt(best_v),
                         facts=_facts(c, w, ci, t))
    # R5 pass
    if not explain:
        return pass_action, ""
    w = k.words(lang)
    if skipped is not None and best is None:
        why = say(lang, "R5.war", tension=_tension(c, w), t=c.T, card=w.cards[skipped.index])
    elif best is not None:
        why = say(lang, "R5.weak", card=w.cards[g.cidx[best.card]], v=_fmt(best_v))
    else:
        why = say(lang, "R5.none")
    return pass_action, say(lang, "R5", name=w.names[g.factions[me]], why=why)


def _lowers_tension(c: Ctx, ci, target: int) -> bool:
    t = c.k.war_track
    return sum(a.delta * prob(c, a, c.me, target, c.me) for a in ci.atoms if a.kind == TRACK and a.key == t) < 0


def _facts(c: Ctx, w, ci, t: int) -> str:
    """The two largest changes a card will surely make now, e.g. 'Security +2, Tension +1'."""
    lang = c.lang
    items = [(weight, say(lang, key, **kw)) for weight, key, kw in sure_facts(c, w, ci, t)]
    if not items and ci.answer_atoms:
        return say(lang, "fact.answer")
    items.sort(key=lambda x: -x[0])
    return say(lang, "list").join(s for _, s in items[:2]) or say(lang, "fact.family", family=w.tag(ci.family))


def sure_facts(c: Ctx, w, ci, t: int) -> list[tuple[float, str, dict]]:
    """The changes playing card `ci` at `t` will surely cause now, as (weight, message key,
    arguments): certain (no chance roll, every condition holding) and not at a bound already."""
    g, me = c.g, c.me
    out: list[tuple[float, str, dict]] = []
    for a in ci.atoms:
        if prob(c, a, me, t, me) < 1.0 - 1e-9:
            continue
        if a.kind == RES and a.who in ("actor", "target", "chooser"):
            x = t if a.who == "target" else me
            d = a.delta * (max(1, bits.count(c.st.members[a.times])) if a.times >= 0 else 1)
            if x < 0 or not _res_moves(c, x, a.key, d):
                continue
            if a.who == "target":
                out.append((abs(d), "fact.res_of", dict(f=w.names[g.factions[t]], res=w.res[a.key], d=_sn(d))))
            else:
                out.append((abs(d), "fact.res", dict(res=w.res[a.key], d=_sn(d))))
        elif a.kind == TRACK:
            d = a.delta * (max(1, bits.count(c.st.members[a.times])) if a.times >= 0 else 1)
            if _track_moves(c, a.key, d):
                out.append((abs(d) + 0.5, "fact.track", dict(track=w.tracks[a.key], d=_sn(d))))
        elif a.kind == JOIN and a.delta > 0:
            if any(may_join(c.st, x, a.key) for x in who(c.st, a.who, Roles(me, t, me))):
                out.append((2.0, "fact.join", dict(coalition=w.coalitions[a.key])))
    return out


def _res_moves(c: Ctx, x: int, r: int, d: float) -> bool:
    v = c.st.res[x][r]
    return (d > 0 and v < c.g.rmax[r]) or (d < 0 and v > c.g.rmin[r])


def _answer_option(c: Ctx, d, actions: list[Action], explain: bool) -> tuple[Action, str]:
    g, k, me = c.g, c.k, c.me
    opts = {oid: (atoms, hint) for oid, atoms, hint in k.options[d.src]}
    ai = c.ai
    best, best_v = None, -1e9
    level = c.T / k.war_at if k.war_at > 0 else 0
    for a in actions:
        atoms, hint = opts[a.option]
        v = value(c, atoms, d.actor, d.target, me)
        if hint == "concede":
            v += (0.5 - ai.hawk) + (1 - ai.risk) * level
        elif hint == "defy":
            v += ai.hawk - 0.5
        elif hint == "escalate":
            v += (ai.hawk - 0.5) + (ai.risk - 0.5) - level
        elif hint == "cooperate":
            v += (ai.multilateral - 0.5) + 0.2
        if k.war_at > 0:
            rise = sum(x.delta for x in atoms if x.kind == TRACK and x.key == k.war_track
                       and prob(c, x, d.actor, d.target, me) >= 1)
            if c.T + rise >= k.war_at:
                v -= 100.0  # R1 war guard
        if v > best_v + 1e-9:
            best, best_v = a, v
    if not explain:
        return best, ""
    lang = c.lang
    w = k.words(lang)
    label = w.options[d.src].get(best.option, best.option)
    hint = opts[best.option][1]
    if d.kind == "response":
        what = say(lang, "R6.card", card=w.cards[d.ref], f=w.names[g.factions[d.actor]])
    elif d.ref >= 0:
        what = say(lang, "R6.event", event=w.events[d.ref])
    else:
        what = say(lang, "R6.choice")
    trait = say(lang, "trait." + hint if hint in ("concede", "defy", "escalate", "cooperate") else "trait.other",
                hawk=f"{ai.hawk:.1f}", risk=f"{ai.risk:.1f}", multilateral=f"{ai.multilateral:.1f}",
                tension=_tension(c, w), t=c.T)
    return best, say(lang, "R6", name=w.names[g.factions[me]], what=what, label=label, v=_fmt(best_v), trait=trait)


def _vote(c: Ctx, d, actions: list[Action], explain: bool) -> tuple[Action, str]:
    k, g, me = c.k, c.g, c.me
    ci = k.cards[d.ref]
    v = value(c, ci.vote_pass, d.actor, d.target, me) - value(c, ci.vote_fail, d.actor, d.target, me)
    v += 0.3 * (c.ai.multilateral - 0.5)
    opt = "yes" if v >= 0 else "no"
    act = next(a for a in actions if a.option == opt)
    if not explain:
        return act, ""
    w = k.words(c.lang)
    return act, say(c.lang, "R7", name=w.names[g.factions[me]], vote=say(c.lang, "vote." + opt),
                    card=w.cards[d.ref], v=_fmt(v))


def _answer_proposal(c: Ctx, d, actions: list[Action], explain: bool) -> tuple[Action, str]:
    k, g, me = c.k, c.g, c.me
    op = next(p for p in c.st.proposals if p.id == d.ref)
    v = terms_value(c, me, op.proposer, op.recipients, op.terms)
    margin = c.ai.accept_margin
    trust = c.st.trust[me * g.n + op.proposer]
    if v >= margin:
        rule = "R8"
        act = next(a for a in actions if a.option == "accept")
    # R9 counter when the proposer is not distrusted and a better deal for both exists
    elif (may_counter(c.st) and trust >= -1 and any(a.option == "counter" for a in actions) and v > -3
          and _best_deal(c, op.proposer) is not None):
        rule = "R9"
        act = next(a for a in actions if a.option == "counter")
    else:
        rule = "R10"
        act = next(a for a in actions if a.option == "reject")
    if not explain:
        return act, ""
    lang = c.lang
    w = k.words(lang)
    return act, say(lang, rule, name=w.names[g.factions[me]], other=w.names[g.factions[op.proposer]],
                    deal=deal_name(op.terms, lang), v=_fmt(v), margin=f"{margin:.1f}", trust=_n(trust))


def may_counter(state: State) -> bool:
    """Bots counter only a fresh proposal, never a counter-proposal, so haggling always ends.
    (A fresh proposal leaves the turn with the faction after its proposer.)"""
    d = state.pending[0]
    if d.kind != "proposal":
        return False
    op = next((p for p in state.proposals if p.id == d.ref), None)
    return op is not None and state.turn_idx == (op.proposer + 1) % state.game.n


def bot_actions(state: State, actions: list[Action]) -> list[Action]:
    """The legal actions a bot considers: no counter to a counter-proposal."""
    if state.pending and state.pending[0].kind == "proposal" and not may_counter(state):
        return [a for a in actions if a.option != "counter"]
    return actions


def _best_deal(c: Ctx, only_to: int = -1, actions: list[Action] | None = None):
    """The proposal worth most to the bot among those its partner would accept, or None.

    Each distinct term of the menu is valued once per decision, for the bot and for each
    partner it asks (`Knowledge.deals`); an action from outside the menu is valued whole."""
    g, k, me = c.g, c.k, c.me
    if actions is None:
        from game.engine import proposal_menu_actions
        actions = proposal_menu_actions(c.st, me, only_to)
    index, distinct = k.deals()
    best, best_v = None, MIN_DEAL
    mine: dict[int, list] = {}
    theirs: dict[int, tuple] = {}
    gifts: dict[int, float] = {}
    r_now, vals, terms = -1, [], []
    for a in actions:
        entry = index.get(id(a))
        if entry is None or entry[0] is not a:
            if a.kind != "propose":
                continue
            p = a.proposal
            v = terms_value(c, me, me, (), p.terms)
            if v <= best_v + 1e-9:
                continue
            r = g.fidx[p.recipients[0]]
            if terms_value(c, r, me, tuple(g.fidx[x] for x in p.recipients), p.terms) < k.personality[r].accept_margin:
                continue
            best, best_v = (a, v), v
            continue
        _, r, pos = entry
        if r != r_now:  # the menu lists each recipient's entries together
            r_now, terms = r, distinct[me, r]
            vals = mine.get(r)
            if vals is None:
                vals = mine[r] = _own_values(c, terms, gifts)
        v = 0.0  # the trust bonus is common to every deal: left out
        for i in pos:
            tv = vals[i]
            if tv is None:
                tv = vals[i] = _term_value(c, me, *terms[i])
            v += tv
        if v <= best_v + 1e-9:
            continue
        if _partner_value(c, r, pos, terms, theirs) < k.personality[r].accept_margin:
            continue
        best, best_v = (a, v), v
    return best


def _own_values(c: Ctx, terms: list[tuple], gifts: dict[int, float]) -> list:
    """The bot's values of the distinct menu terms toward one recipient: `_term_value` with
    the parts that do not depend on the recipient computed once per decision (`gifts`: the
    bot's side of each gift); joins are left None, valued only when an entry needs one."""
    me, k = c.me, c.k
    out: list = []
    for t in terms:
        kind, a, b, key, amount = t
        if kind == GIVE and a == me and b != me:
            own = gifts.get(key * 1024 + amount)
            if own is None:
                own = gifts[key * 1024 + amount] = res_value(c, me, key, -amount)
            out.append(own + -c.alpha * amount * c.W[b][key])  # + res_value(c, b, key, amount)
        elif kind == PROMISE and b == me and a != me:
            out.append(k.spared(me, a, key))
        elif kind == ENTER:
            out.append(None)
        else:
            out.append(_term_value(c, me, *t))
    return out


def _partner_value(c: Ctx, r: int, pos: tuple[int, ...], terms: list, memo: dict[int, tuple]) -> float:
    """terms_value, to its recipient r, of the menu entry made of `terms` at `pos`;
    r's term values and trust bonus are kept in memo[r]."""
    got = memo.get(r)
    if got is None:
        got = memo[r] = ([None] * len(terms), _trust_bonus(c, r, c.me, (r,)))
    vals, bonus = got
    v = 0.0
    for i in pos:
        tv = vals[i]
        if tv is None:
            saved = _judge_as(c, r)
            try:
                tv = vals[i] = _term_value(c, r, *terms[i])
            finally:
                c.me, c.ai, c.TW = saved
        v += tv
    return v + bonus


def _negotiate(c: Ctx, actions: list[Action], explain: bool, counter_to: int = -1) -> tuple[Action, str]:
    k, g, me = c.k, c.g, c.me
    lang = c.lang
    best = _best_deal(c, counter_to, actions)
    if best is None:
        pass_action = next(a for a in actions if a.kind == "pass")
        if not explain:
            return pass_action, ""
        return pass_action, say(lang, "R12", name=k.words(lang).names[g.factions[me]], v=f"{MIN_DEAL:.1f}")
    a, v = best
    if not explain:
        return a, ""
    w = k.words(lang)
    to = a.proposal.recipients[0]
    trust = c.st.trust[me * g.n + g.fidx[to]]
    return a, say(lang, "R11.counter" if counter_to >= 0 else "R11", name=w.names[g.factions[me]],
                  to=w.names[to], deal=deal_name(a.proposal.terms, lang),
                  terms=describe_terms(k, a.proposal.terms, lang), v=_fmt(v), trust=_n(trust))
