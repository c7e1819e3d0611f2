"""The `hard` bot: determinized Monte Carlo search over sampled hidden hands.

Each iteration re-deals what the faction cannot see (`sample_hidden`), picks a root action by
UCB1, plays it, rolls the game out for about one round with the scripted policy for every
faction, and scores the result with a heuristic: the faction's lead over its best rival plus
half its own score (a war, which nobody wins, scores the war penalty). The action with the best
mean is played. The budget is wall time (`seconds`, default 1 s: the only use of the clock in
the game, and never in the rules) or a fixed `iterations` count, which is reproducible on any
machine and is what tests and `simulate` use.
"""
from __future__ import annotations

import math
import time

from game.ai.knowledge import knowledge
from game.ai.reasons import REASONS, lang_of, say
from game.ai.scripted import NORMAL, Ctx, _fmt, bot_actions, decide, play_value
from game.engine import (
    Action, apply, legal_actions, sample_hidden, current_decider, State, Scorer, scorer, rng_initial, rng_step,
)

MAX_CANDIDATES = 8
EXPLORE = 1.5


def margin(sc: Scorer, s: State, me: int) -> float:
    """The heuristic value of a position to faction `me`: its lead over its best rival plus half
    its own score (`scoring`'s value), or the war penalty when the game ended in war."""
    if s.outcome == "war":
        return sc.war_everyone + (sc.war_trigger if s.war_by == me else 0)
    mine = sc.value(s, me)
    best_other = max(sc.value(s, o) for o in range(s.game.n) if o != me)
    return (mine - best_other) + 0.5 * mine


def rollout(s: State, plies: int) -> State:
    """Play on with the scripted policy (no explanations) for at most `plies` decisions."""
    for _ in range(plies):
        if s.over:
            break
        f = current_decider(s)
        acts = legal_actions(s, f)
        if len(acts) == 1:
            a = acts[0]
        elif acts[0].kind == "pass" and len(acts) > 1 and acts[1].kind == "propose":
            a = acts[0]  # rollouts skip making deals (answers to deals are still scripted)
        else:
            a = decide(s, f, acts, NORMAL, explain=False)[0]
        s, _ = apply(s, a)
    return s


class SearchBot:
    """Determinized Monte Carlo search (UCB1 at the root) with a scripted rollout policy."""

    level = "hard"

    def __init__(self, faction: str = "", seed: int = 0, seconds: float = 1.0, iterations: int = 0,
                 plies: int = 0, lang: str = "en", explain: bool = True) -> None:
        self.faction = faction
        self.lang = lang_of(lang)
        self.explain = explain
        self.seed = seed
        self.seconds = seconds
        self.iterations = iterations
        self.plies = plies
        self.calls = 0
        self.last_iterations = 0

    def candidates(self, state: State, faction: str, actions: list[Action]) -> list[Action]:
        """The root actions worth searching: all of them, or in negotiation the pass and the
        deals the scripted valuation likes best."""
        if len(actions) <= MAX_CANDIDATES:
            return actions
        g = state.game
        me = g.fidx[faction]
        c = Ctx(state, me, NORMAL)
        if actions[0].kind == "pass" and any(a.kind == "propose" for a in actions):
            from game.ai.scripted import terms_value
            scored = [(terms_value(c, me, me, (), a.proposal.terms), i) for i, a in enumerate(actions)
                      if a.kind == "propose"]
        else:
            k = knowledge(g)
            scored = [(play_value(c, k.cards[g.cidx[a.card]], g.fidx[a.target] if a.target else -1), i)
                      for i, a in enumerate(actions) if a.kind == "play"]
        scored.sort(key=lambda x: (-x[0], x[1]))
        keep = sorted(i for _, i in scored[:MAX_CANDIDATES - 1])
        rest = [actions[i] for i in keep]
        passes = [a for a in actions if a.kind == "pass"]
        return passes[:1] + rest

    def choose(self, state: State, faction: str) -> tuple[Action, str]:
        actions = legal_actions(state, faction)
        if not actions:
            raise ValueError(f"{faction} has nothing to decide now")
        actions = bot_actions(state, actions)
        scripted, why = decide(state, faction, actions, NORMAL, explain=self.explain, lang=self.lang)
        self.calls += 1
        if len(actions) == 1:
            self.last_iterations = 0
            return scripted, why
        cands = self.candidates(state, faction, actions)
        if scripted not in cands:
            cands = cands + [scripted]
        g = state.game
        me = g.fidx[faction]
        sc = scorer(g)
        plies = self.plies or 2 * g.n
        n = len(cands)
        visits = [0] * n
        totals = [0.0] * n
        r = rng_initial((self.seed * 1_000_003 + self.calls) & ((1 << 63) - 1))
        deadline = None if self.iterations else time.perf_counter() + self.seconds
        limit = self.iterations or 10 ** 9
        it = 0
        while it < limit:
            if deadline is not None and it % 8 == 0 and it >= n and time.perf_counter() >= deadline:
                break
            if it < n:
                i = it
            else:
                logn = math.log(it)
                i = max(range(n), key=lambda j: totals[j] / visits[j] + EXPLORE * math.sqrt(logn / visits[j]))
            r, sub = rng_step(r)
            s = sample_hidden(state, faction, sub)
            s, _ = apply(s, cands[i])
            s = rollout(s, plies)
            totals[i] += margin(sc, s, me)
            visits[i] += 1
            it += 1
        self.last_iterations = it
        means = [totals[j] / visits[j] if visits[j] else -1e9 for j in range(n)]
        best = max(range(n), key=lambda j: (means[j], visits[j], -j))
        act = cands[best]
        if not self.explain:
            return act, ""
        si = cands.index(scripted)
        lang = self.lang
        if act == scripted:
            why = why.split(say(lang, "sep"), 1)[-1]
            return act, say(lang, "S1", why=why, m=_fmt(means[best]), it=it)
        return act, say(lang, "S2", name=knowledge(g).words(lang).names[faction], act=_say(state, act, lang),
                        m=_fmt(means[best]), it=visits[best], ms=_fmt(means[si]))


def _say(state: State, a: Action, lang: str) -> str:
    g = state.game
    w = knowledge(g).words(lang)
    if a.kind == "play":
        at = say(lang, "at", f=w.names[a.target]) if a.target else ""
        return say(lang, "act.play", card=w.cards[g.cidx[a.card]], at=at)
    if a.kind == "propose":
        return say(lang, "act.propose", to=say(lang, "list").join(w.names[x] for x in a.proposal.recipients))
    if a.kind == "answer":
        src = state.pending[0].src if state.pending else -1  # the response or choice being answered
        if src >= 0:
            label = w.options[src].get(a.option, a.option)
        else:  # a vote or an answer to a proposal
            label = say(lang, "answer." + a.option) if "answer." + a.option in REASONS[lang] else a.option
        return say(lang, "act.answer", label=label)
    return say(lang, "act.pass")
