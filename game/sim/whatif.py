"""What if? The key moments of a saved game, each alternative at them played out many times.

`find_moments(session, steps)` replays the log once and keeps the state before each decision
worth asking about: answers to threats, tariffs and crises (response and choice decisions),
ballots that decided a vote, card plays that broke a promise, and the move that tipped a war
(or the decisions named by `steps`, numbered as `replay --step` shows them). Each moment
lists its alternatives: every option of an answer; for a card play the card played, passing
and the bots' best other card; for a proposal the one made, passing and the bots' own.

`analyse(session, ...)` plays `runs` continuations of every alternative with bots in every
seat. A continuation starts from a clone of the true state at the moment (never a replay),
re-seeded by `game.sim.future.reseed` with seed k for run k of every alternative (paired
runs), so an alternative equal to the choice made gives the very same runs. Continuations
are spread over one process pool for the whole analysis; every number depends only on the
arguments, never on --jobs. When there are more candidates than `max_moments`, a pilot of
the first `pilot` paired runs of every candidate ranks them by how much their alternatives
differ and only the top ones get the remaining runs (the pilot's runs are kept: they are the
first runs of the full set).

Nothing here prints; the result is plain JSON-ready data.
"""
from __future__ import annotations

import math
import multiprocessing as mp
import os
import signal
import time
from dataclasses import dataclass, field
from typing import Callable

from game.engine import (
    Action, apply, current_decider, decision_kind, legal_actions, new_game, ranking, Names, State,
)
from game.rules.schema import text_of
from game.sim.future import play_out
from game.sim.runner import game_seed

DEFAULT_RUNS = 200
MAX_MOMENTS = 8
PILOT_RUNS = 16
MAX_DEALS = 6                # accepted deals measured by continuations (half the runs each)
MAX_CANDIDATES = 16          # candidates screened by the pilot (the most telling kinds first)
CHUNK = 25                   # runs per task handed to a worker
Z = 1.96                     # 95% intervals
TOPIC_ORDER = ("war", "broken", "threat", "tariff", "crisis", "vote", "response", "choice", "deal", "chosen")


class WhatIfError(Exception):
    """The analysis cannot be made as asked (e.g. a step that is no decision); str() is for a person."""


@dataclass
class Alternative:
    label: str                   # what the decider does, in words ("answer 'go ahead'", "pass")
    action: dict                 # Action.to_dict()
    actual: bool = False         # the choice the game actually made
    role: str = "option"         # option | card | pass | other card | bot's deal
    hint: str = ""               # an answer's ai_hint (concede, defy, cooperate, escalate, neutral)


@dataclass
class Moment:
    step: int                    # the decision's number in `replay --step` (its action is log[step-1])
    round: int
    decider: str
    decision: str                # response | choice | vote | proposal | counter | act | negotiate
    topic: str                   # war | broken | threat | tariff | crisis | vote | response | choice | deal | chosen
    state: State                 # the true state before the decision (not serialised)
    alternatives: list[Alternative] = field(default_factory=list)
    card: str = ""               # the card answered, played or voted on
    event: str = ""              # the event whose choice this is
    source: str = ""             # the brief's passage the card or event quotes
    deal: int = -1               # on a deal moment: the proposal id
    offer: tuple | None = None   # on a deal moment: (state, action) where the proposal was made


# ---------------------------------------------------------------------------- statistics
def wilson(k: int, n: int, z: float = Z) -> tuple[float, float]:
    """The Wilson score interval of a rate k/n."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    d = 1 + z * z / n
    mid = (p + z * z / (2 * n)) / d
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return max(0.0, mid - half), min(1.0, mid + half)


def mean_ci(xs: list[float], z: float = Z) -> dict:
    """Mean and its normal-approximation 95% interval."""
    n = len(xs)
    if not n:
        return {"mean": 0.0, "lo": 0.0, "hi": 0.0}
    m = sum(xs) / n
    sd = math.sqrt(sum((x - m) ** 2 for x in xs) / (n - 1)) if n > 1 else 0.0
    h = z * sd / math.sqrt(n)
    return {"mean": round(m, 4), "lo": round(m - h, 4), "hi": round(m + h, 4)}


def _rate(xs: list[int]) -> dict:
    k, n = sum(xs), len(xs)
    lo, hi = wilson(k, n)
    return {"rate": round(k / n, 4) if n else 0.0, "k": k, "n": n, "lo": round(lo, 4), "hi": round(hi, 4)}


# ---------------------------------------------------------------------------- one run
Record = tuple  # (war 0/1, rules, tension, scores per faction, rank per faction)


def record_of(s: State) -> Record:
    g = s.game
    rules = s.tracks[g.tidx["rules"]] if "rules" in g.tidx else 0
    tension = s.tracks[g.tension_t] if g.tension_t >= 0 else 0
    order = ranking(s)
    rank = {sc.faction: i + 1 for i, sc in enumerate(order)}
    totals = {sc.faction: sc.total for sc in order}
    return (1 if s.outcome == "war" else 0, rules, tension,
            tuple(totals[f] for f in g.factions), tuple(rank[f] for f in g.factions))


_worker: dict = {}


def _init(table: dict, level: str, hard_iterations: int, seed: int) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # see game.sim.runner._init
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker.update(table=table, level=level, hard=hard_iterations, seed=seed)


def _task(task: tuple) -> tuple:
    key, a, k0, k1 = task
    w = _worker
    state, actions = w["table"][key]
    first = actions[a]
    out = [record_of(play_out(state, first, w["level"], game_seed(w["seed"], k), w["hard"])) for k in range(k0, k1)]
    return task, out


class Continuations:
    """One process pool for a whole analysis: `run(wanted)` plays the runs asked for
    ({(key, alternative): (k0, k1)}) and returns their records in run order."""

    def __init__(self, table: dict, level: str, seed: int, jobs: int, hard_iterations: int = 100,
                 progress: Callable[[int, int], None] | None = None) -> None:
        self.table, self.level, self.seed, self.hard = table, level, seed, hard_iterations
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.progress = progress
        self.done = 0
        self.total = 0
        self.pool = None
        from game.ai.knowledge import knowledge
        for state, _ in list(table.values())[:1]:  # the bots' tables, built once: forked workers inherit them
            knowledge(state.game).deals()
        if self.jobs > 1 and "fork" in mp.get_all_start_methods():
            # forked workers inherit the states: nothing is pickled but the tasks and records
            ctx = mp.get_context("fork")
            self.pool = ctx.Pool(self.jobs, initializer=_init, initargs=(table, level, hard_iterations, seed))
        else:  # in this process (signals untouched: it may be a window's worker thread)
            self.jobs = 1
            _worker.update(table=table, level=level, hard=hard_iterations, seed=seed)

    def __enter__(self) -> "Continuations":
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            if exc[0] is None:
                self.pool.close()
                self.pool.join()
            else:
                self.pool.terminate()
            self.pool = None

    def run(self, wanted: dict, total: int | None = None) -> dict:
        tasks = []
        for (key, a), (k0, k1) in wanted.items():
            for c0 in range(k0, k1, CHUNK):
                tasks.append((key, a, c0, min(k1, c0 + CHUNK)))
        self.total = total if total is not None else self.done + sum(t[3] - t[2] for t in tasks)
        results: dict = {}
        it = self.pool.imap_unordered(_task, tasks) if self.pool is not None else map(_task, tasks)
        for task, recs in it:
            results[task] = recs
            self.done += len(recs)
            if self.progress:
                self.progress(self.done, max(self.total, self.done))
        out: dict = {}
        for t in tasks:  # gathered in run order, whatever order the workers finished in
            out.setdefault((t[0], t[1]), []).extend(results[t])
        return out


# ---------------------------------------------------------------------------- moments
def _label(names: Names, g, state: State, a: Action, role: str) -> str:
    if a.kind == "answer":
        d = state.pending[0]
        if d.kind in ("response", "choice"):
            opt = next((o for o in g.sources[d.src][1] if o.id == a.option), None)
            return f"answer “{text_of(opt.label) if opt else a.option}”"
        if d.kind == "vote":
            return f"vote {a.option}"
        return {"accept": "accept the deal", "reject": "reject the deal", "counter": "make a counter-offer"}.get(
            a.option, a.option)
    if a.kind == "play":
        on = f" on {names.faction(a.target)}" if a.target else ""
        return f"play {names.card(a.card)}{on}"
    if a.kind == "propose":
        to = ", ".join(names.faction(r) for r in a.proposal.recipients)
        return f"propose to {to}: {names.terms([t.to_dict() for t in a.proposal.terms])}"
    return "pass"


def short_label(label: str) -> str:
    """A label without its parenthesised effects: 'answer “Comply”'."""
    head, sep, rest = label.partition("“")
    if not sep:
        return label
    inner = rest.rsplit("”", 1)[0]
    cut = inner.split(" (", 1)[0].split(":", 1)[0].strip()
    return f"{head}“{cut}”"


def _hint(state: State, a: Action) -> str:
    if a.kind != "answer" or not state.pending or state.pending[0].kind not in ("response", "choice"):
        return ""
    d = state.pending[0]
    opt = next((o for o in state.game.sources[d.src][1] if o.id == a.option), None)
    return opt.ai_hint if opt else ""


def _best_other_card(state: State, faction: str, actual: Action) -> Action | None:
    """The card (and target) the scripted bot values most, leaving out the card actually played."""
    from game.ai.scripted import NORMAL, Ctx, play_value
    g = state.game
    plays = [a for a in legal_actions(state, faction) if a.kind == "play" and a.card != actual.card]
    if not plays:
        return None
    c = Ctx(state, g.fidx[faction], NORMAL)
    best, best_v = None, -1e18
    for a in plays:
        v = play_value(c, c.k.cards[g.cidx[a.card]], g.fidx[a.target] if a.target else -1)
        if v > best_v + 1e-9:
            best, best_v = a, v
    return best


def alternatives_at(state: State, actual: Action, names: Names) -> list[Alternative]:
    """The alternatives at a decision: the choice made first, then the others (no repeats)."""
    g = state.game
    f = current_decider(state)
    kind = decision_kind(state)
    acts: list[tuple[Action, str]] = [(actual, "option" if actual.kind == "answer" else
                                       "card" if actual.kind == "play" else
                                       "pass" if actual.kind == "pass" else "deal")]
    legal = legal_actions(state, f)
    if kind in ("response", "choice", "vote", "proposal"):
        acts += [(a, "option") for a in legal]
    elif kind == "act":
        acts.append((next(a for a in legal if a.kind == "pass"), "pass"))
        other = _best_other_card(state, f, actual)
        if other is not None:
            acts.append((other, "other card"))
    else:  # negotiate, counter
        from game.ai.bots import make_bot
        acts.append((next(a for a in legal if a.kind == "pass"), "pass"))
        acts.append((make_bot("normal", f, 0, explain=False).choose(state, f)[0], "bot's deal"))
    out, seen = [], set()
    for i, (a, role) in enumerate(acts):
        key = repr(sorted(a.to_dict().items()))
        if key in seen:
            continue
        seen.add(key)
        out.append(Alternative(_label(names, g, state, a, role), a.to_dict(), actual=i == 0, role=role,
                               hint=_hint(state, a)))
    return out


def find_moments(session, steps: list[int] | None = None, deals: bool = False) -> tuple[list[Moment], list[Moment]]:
    """(key moments, deal moments) of the session's log, from one replay. With `steps`, exactly
    those decisions (raises WhatIfError for a step that is not in the log); otherwise the
    candidates described in the module docstring, most telling kinds first. With `deals`, one
    moment per accepted deal too: its last acceptance, accept against reject."""
    g_state, _ = new_game(session.ruleset, session.seed, session.seats)
    g = g_state.game
    names = Names(g, "en")
    n = len(session.actions)
    if steps is not None:
        bad = [s for s in steps if not 1 <= s <= n]
        if bad:
            raise WhatIfError(f"Game {session.game_id} has decisions 1 to {n} (`replay --step` numbering); "
                              f"{', '.join(map(str, bad))} is not one of them.")
    wanted = set(steps or ())
    found: dict[int, Moment] = {}
    deal_moments: list[Moment] = []
    ballots: list[tuple[int, State, Action]] = []
    offers: dict[int, tuple[State, Action]] = {}
    state = g_state
    for i, d in enumerate(session.actions, 1):
        pre = state
        action = Action.from_dict(d)
        kind = decision_kind(pre)
        state, out = apply(pre, action)
        types = {e["type"] for e in out}
        topic = ""
        card = event = ""
        if kind in ("response", "choice"):
            dec = pre.pending[0]
            if kind == "response":
                card = g.cards[dec.ref].id
                tags = g.card_tags[dec.ref]
                topic = "threat" if "threat" in tags else "tariff" if "tariff" in tags else "response"
            else:
                event = g.events[dec.ref].id if dec.ref >= 0 else ""
                topic = "crisis" if dec.ref >= 0 and g.events[dec.ref].crisis else "choice"
        if kind == "vote":
            ballots.append((i, pre, action))
            card = g.cards[pre.pending[0].ref].id
        for e in out:
            if e["type"] == "vote_result":
                yes = e["yes"]
                # a ballot counts when turning it would have turned the result; of those, the last cast
                pivots = [(j, p, a) for j, p, a in ballots
                          if (a.option == "yes" and yes - 1 < e["threshold"] <= yes)
                          or (a.option == "no" and yes < e["threshold"] <= yes + 1)]
                if pivots and steps is None:
                    j, p, a = pivots[-1]
                    found[j] = _moment(j, p, a, "vote", names, card=e["card"])
                ballots = []
        if action.kind == "play":
            card = action.card
            if "commitment_broken" in types:
                topic = "broken"
        if state.over and state.outcome == "war" and state.war_by >= 0:
            topic = "war"
        if steps is not None:
            if i in wanted:
                found[i] = _moment(i, pre, action, topic or "chosen", names, card=card, event=event)
        elif topic:
            found[i] = _moment(i, pre, action, topic, names, card=card, event=event)
        for e in out:
            if e["type"] == "proposal":
                offers[e["id"]] = (pre, action)
        if deals and "deal" in types and kind == "proposal":
            pid = next(e["id"] for e in out if e["type"] == "deal")
            m = _moment(i, pre, action, "deal", names)
            m.deal = pid
            m.offer = offers.get(pid)
            m.alternatives = [a for a in m.alternatives if a.action.get("option") in ("accept", "reject")]
            deal_moments.append(m)
    moments = sorted(found.values(), key=lambda m: m.step)
    if steps is None:
        moments.sort(key=lambda m: (TOPIC_ORDER.index(m.topic), m.step))
        moments = sorted(moments[:MAX_CANDIDATES], key=lambda m: m.step)
    return moments, deal_moments


def _moment(step: int, pre: State, action: Action, topic: str, names: Names, card: str = "", event: str = "") -> Moment:
    g = pre.game
    source = ""
    if card:
        source = g.ruleset.cards[g.cidx[card]].source
    elif event:
        source = next((e.source for e in g.ruleset.events if e.id == event), "") or ""
    return Moment(step=step, round=pre.round, decider=current_decider(pre) or "", decision=decision_kind(pre),
                  topic=topic, state=pre, alternatives=alternatives_at(pre, action, names), card=card,
                  event=event, source=source)


# ---------------------------------------------------------------------------- summaries
def summarize(recs: list[Record], faction: int) -> dict:
    return {
        "runs": len(recs),
        "war": _rate([r[0] for r in recs]),
        "rules": mean_ci([r[1] for r in recs]),
        "tension": mean_ci([r[2] for r in recs]),
        "score": mean_ci([r[3][faction] for r in recs]),
        "rank": mean_ci([r[4][faction] for r in recs]),
    }


def paired(recs: list[Record], base: list[Record], faction: int) -> dict:
    """Run-by-run differences from the choice made (same seeds), with 95% intervals."""
    return {
        "war": mean_ci([a[0] - b[0] for a, b in zip(recs, base)]),
        "rules": mean_ci([a[1] - b[1] for a, b in zip(recs, base)]),
        "tension": mean_ci([a[2] - b[2] for a, b in zip(recs, base)]),
        "score": mean_ci([a[3][faction] - b[3][faction] for a, b in zip(recs, base)]),
    }


def spread(per_alt: list[list[Record]], faction: int, g) -> float:
    """How much a moment's alternatives differ: the range of their war rates, plus the ranges of
    mean Rules and Tension over each track's span, plus the range of the decider's mean score
    over the spread of its scores in all the runs."""
    if len(per_alt) < 2 or not all(per_alt):
        return 0.0
    def rng_of(xs): return max(xs) - min(xs)
    span = lambda t: (g.ruleset.tracks[g.tidx[t]].max - g.ruleset.tracks[g.tidx[t]].min) if t in g.tidx else 1
    tension_id = g.tracks[g.tension_t] if g.tension_t >= 0 else ""
    war = rng_of([sum(r[0] for r in recs) / len(recs) for recs in per_alt])
    rules = rng_of([sum(r[1] for r in recs) / len(recs) for recs in per_alt]) / max(1, span("rules"))
    tension = rng_of([sum(r[2] for r in recs) / len(recs) for recs in per_alt]) / max(1, span(tension_id))
    scores = [r[3][faction] for recs in per_alt for r in recs]
    m = sum(scores) / len(scores)
    sd = math.sqrt(sum((x - m) ** 2 for x in scores) / len(scores)) or 1.0
    score = rng_of([sum(r[3][faction] for r in recs) / len(recs) for recs in per_alt]) / max(1.0, sd)
    return round(war + rules + tension + score, 6)


def actual_outcome(session, faction: str) -> dict:
    """What happened in the game itself (its final position, or where it stands when unfinished)."""
    rec = record_of(session.state)
    f = session.state.game.fidx[faction]
    return {"over": session.state.over, "outcome": session.state.outcome or "unfinished", "war": bool(rec[0]),
            "rules": rec[1], "tension": rec[2], "score": rec[3][f], "rank": rec[4][f]}


# ---------------------------------------------------------------------------- the analysis
def analyse(session, moments: str | list[int] = "auto", runs: int = DEFAULT_RUNS, bot: str = "normal",
            jobs: int = 0, seed: int = 1, hard_iterations: int = 100, deals: bool = False,
            max_moments: int = MAX_MOMENTS, pilot: int = PILOT_RUNS,
            progress: Callable[[int, int], None] | None = None,
            extra: dict[int, list[dict]] | None = None) -> dict:
    """The what-if analysis of a session (see the module docstring). `extra` adds alternatives
    (action dicts) at given steps, e.g. to compare one the table did not list."""
    if runs < 1:
        raise WhatIfError("A what-if needs at least one run per alternative.")
    start = time.perf_counter()
    steps = None if moments == "auto" else list(moments)
    found, deal_ms = find_moments(session, steps, deals)
    deal_runs = max(1, runs // 2)
    if deal_ms:  # the deals that left most on the table first (bots' valuation: cheap), at most MAX_DEALS
        from game.sim.frontier import frontier
        names0 = Names(session.state.game, "en")
        def gap(m):
            if m.offer is None:
                return 0.0
            fr = frontier(m.offer[0], m.offer[1], names0)
            b = fr["better_for_all"]
            return min(v - w for v, w in zip(b["values"], fr["made_values"])) if b else 0.0
        deal_ms = sorted(sorted(deal_ms, key=lambda m: (-gap(m), m.step))[:MAX_DEALS], key=lambda m: m.step)
    names = Names(session.state.game, "en")
    for m in found:
        for d in (extra or {}).get(m.step, []):
            a = Action.from_dict(d)
            m.alternatives.append(Alternative(_label(names, m.state.game, m.state, a, "extra"), a.to_dict(),
                                              role="extra", hint=_hint(m.state, a)))
    table = {}
    for key, m in [(("m", m.step), m) for m in found] + [(("d", m.step), m) for m in deal_ms]:
        table[key] = (m.state, [Action.from_dict(a.action) for a in m.alternatives])
    g = session.state.game
    screen = steps is None and len(found) > max_moments and runs > pilot
    first = pilot if screen else runs
    total = (sum(len(m.alternatives) for m in found) * first
             + sum(len(m.alternatives) for m in deal_ms) * deal_runs
             + (max_moments * 3 * (runs - pilot) if screen else 0))
    results: dict = {}
    with Continuations(table, bot, seed, jobs, hard_iterations, progress) as pool:
        wanted = {(("m", m.step), a): (0, first) for m in found for a in range(len(m.alternatives))}
        results.update(pool.run(wanted, total))
        if screen:
            ranked = sorted(found, key=lambda m: (-spread([results[(("m", m.step), a)] for a in range(len(m.alternatives))],
                                                          g.fidx[m.decider], g), m.step))
            found = sorted(ranked[:max_moments], key=lambda m: m.step)
            more = {(("m", m.step), a): (first, runs) for m in found for a in range(len(m.alternatives))}
            rest = pool.run(more, pool.done + sum(k1 - k0 for k0, k1 in more.values())
                            + sum(len(m.alternatives) for m in deal_ms) * deal_runs)
            for k, v in rest.items():
                results[k] = results[k] + v
        if deal_ms:
            results.update(pool.run({(("d", m.step), a): (0, deal_runs) for m in deal_ms
                                     for a in range(len(m.alternatives))}, pool.done + sum(
                len(m.alternatives) for m in deal_ms) * deal_runs))
        used = pool.jobs
    out_moments = [_moment_report(m, [results[(("m", m.step), a)] for a in range(len(m.alternatives))], session)
                   for m in found]
    out_moments.sort(key=lambda x: (-x["spread"], x["step"]))
    out_moments = out_moments[:max_moments] if steps is None else sorted(out_moments, key=lambda x: x["step"])
    for i, x in enumerate(out_moments, 1):
        x["rank"] = i if steps is None else None
    out_deals = [_deal_report(m, [results[(("d", m.step), a)] for a in range(len(m.alternatives))], session)
                 for m in deal_ms]
    return {
        "game_id": session.game_id, "seed": seed, "runs": runs, "bot": bot,
        "moments_asked": "auto" if steps is None else steps, "steps": session.steps,
        "moments": out_moments, "deals": out_deals,
        "timing": {"seconds": round(time.perf_counter() - start, 3), "jobs": used},
    }


def _moment_report(m: Moment, per_alt: list[list[Record]], session) -> dict:
    g = m.state.game
    f = g.fidx[m.decider]
    base = per_alt[0]
    alts = []
    for a, recs in zip(m.alternatives, per_alt):
        row = {"label": a.label, "action": a.action, "actual": a.actual, "role": a.role, "hint": a.hint,
               "tags": list(g.card_tags[g.cidx[a.action["card"]]]) if a.action.get("card") else []}
        row.update(summarize(recs, f))
        row["vs_actual"] = paired(recs, base, f)
        alts.append(row)
    rep = {"step": m.step, "round": m.round, "decider": m.decider, "decision": m.decision, "topic": m.topic,
           "card": m.card, "event": m.event, "source": m.source,
           "tags": list(g.card_tags[g.cidx[m.card]]) if m.card else [],
           "src": m.state.pending[0].src if m.decision in ("response", "choice") else -1,
           "spread": spread(per_alt, f, g), "alternatives": alts,
           "actual_game": actual_outcome(session, m.decider)}
    rep["sentence"] = sentence(rep, Names(g, "en"))
    return rep


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _verb(label: str) -> str:
    """'answer “go ahead”' -> 'answered “go ahead”' (the alternatives' labels start with a verb)."""
    head, _, rest = label.partition(" ")
    past = {"answer": "answered", "vote": "voted", "accept": "accepted", "reject": "rejected", "play": "played",
            "propose": "proposed", "pass": "passed", "make": "made"}.get(head, head)
    return f"{past} {rest}".strip()


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def sentence(rep: dict, names: Names) -> str:
    """One plain sentence: the alternative that differs most from the choice made, against it."""
    alts = rep["alternatives"]
    base = alts[0]
    others = alts[1:]
    who = names.faction(rep["decider"])
    if not others:
        return f"{who} had no other choice here."
    def size(a):
        d = a["vs_actual"]
        return abs(d["war"]["mean"]) + abs(d["score"]["mean"]) / 10 + abs(d["rules"]["mean"]) / 5
    alt = max(others, key=size)
    d = alt["vs_actual"]["score"]["mean"]
    n = alt["runs"]
    text = (f"Had {who} {_verb(short_label(alt['label']))}, war followed in {_pct(alt['war']['rate'])} of {n} continuations "
            f"instead of {_pct(base['war']['rate'])}")
    if abs(d) < 0.05:
        text += f", and {possessive(who)} score was the same"
    else:
        text += f", and {possessive(who)} score {'rose' if d > 0 else 'fell'} by {abs(d):.1f}"
    dr = alt["vs_actual"]["rules"]["mean"]
    if abs(dr) >= 0.05:
        text += f" (International Rules {dr:+.1f})"
    return text + "."


# ---------------------------------------------------------------------------- deals
def _deal_report(m: Moment, per_alt: list[list[Record]], session) -> dict:
    """A deal: its worth to each party by continuations (accepting against rejecting its last
    acceptance), and beside it the deals the same proposer could have offered the same
    recipients, valued by the bots' own deal valuation (continuations for each would be too slow)."""
    from game.sim.frontier import frontier
    g = m.state.game
    op = next(p for p in m.state.proposals if p.id == m.deal)
    parties = [g.factions[op.proposer]] + [g.factions[r] for r in op.recipients]
    acc = next(i for i, a in enumerate(m.alternatives) if a.action.get("option") == "accept")
    rej = next((i for i, a in enumerate(m.alternatives) if a.action.get("option") == "reject"), None)
    measured = {}
    if rej is not None:
        for p in parties:
            measured[p] = paired(per_alt[acc], per_alt[rej], g.fidx[p])["score"]
    names = Names(g, "en")
    rep = {"step": m.step, "round": m.round, "id": m.deal, "parties": parties,
           "terms": [t.to_dict() for t in op.terms],
           "text": names.terms([t.to_dict() for t in op.terms]),
           "measured": measured, "measured_by": f"continuations: accept against reject, {len(per_alt[acc])} paired runs",
           "with": summarize(per_alt[acc], op.proposer), "without": summarize(per_alt[rej], op.proposer) if rej is not None else None}
    if m.offer is not None:
        rep.update(frontier(m.offer[0], m.offer[1], names))
    return rep
