"""The story of a game read from its log: threats and answers, tariffs, crises, coalitions,
proposals and broken promises, votes with their ballots, miscalculations and the road to
war. Each line remembers which log entries it tells (`refs`), so a test can check that no
key event is left out. Pure: returns data and text, prints nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from game.engine import Names, describe_event as describe
from game.report.timeline import Entry, Timeline
from game.report.words import words
from game.rules.schema import text_of

# events that start a new "cause" for the track moves that follow them in the same step
CAUSES = frozenset({"play", "answer", "event", "miscalculation", "vote_result", "commitment_broken",
                    "threshold", "deal", "join", "phase"})
KEY_TYPES = frozenset({"answer", "join", "leave", "deal", "reject", "commitment_broken", "vote_result",
                       "miscalculation", "game_over", "event"})


@dataclass
class Line:
    round: int
    text: str
    refs: list[int] = field(default_factory=list)   # Entry.index values this line tells


@dataclass
class Thread:
    """A card played or an event fired, with the answers given to it and the track moves they caused."""

    head: Entry
    answers: list[Entry] = field(default_factory=list)
    moves: list[Entry] = field(default_factory=list)        # track events caused by the head or its answers

    def delta(self, track: str) -> int:
        return sum(m.event["delta"] for m in self.moves if m.event["track"] == track)


def is_key(e: Entry) -> bool:
    """A log entry the debrief must tell: threats, tariffs and their answers, crises, joins,
    deals and refusals, broken promises, votes, miscalculations and the end."""
    ev = e.event
    t = ev.get("type")
    if t == "play":
        return bool({"threat", "tariff"} & set(ev.get("tags", ())))
    if t == "answer":
        return True
    return t in KEY_TYPES


class Story:
    """Everything the debrief tells, computed once from a timeline."""

    def __init__(self, tl: Timeline, lang: str = "en") -> None:
        self.tl = tl
        self.g = tl.game
        self.lang = lang
        self.w = words(lang)
        self.n = Names(self.g, lang)
        self.sep = "" if lang == "ja" else " "
        self.tension = self.g.tracks[self.g.tension_t] if self.g.tension_t >= 0 else ""
        self.rules = self._rules_track()
        self.threads: list[Thread] = []
        self.thread_of: dict[int, Thread] = {}
        self.cause: dict[int, Entry] = {}           # track entry index -> the entry that caused it
        self._link()

    # ------------------------------------------------------------------ analysis
    def _rules_track(self) -> str:
        rs = self.g.ruleset
        for goal in rs.scoring.shared:
            if not goal.invert and goal.track != self.tension:
                return goal.track
        return next((t for t in self.g.tracks if t != self.tension), "")

    def _link(self) -> None:
        last_thread: Thread | None = None
        cause: Entry | None = None
        step = -1
        for e in self.tl.entries:
            ev = e.event
            t = ev.get("type")
            if e.step != step:
                step, cause = e.step, None
            if t in ("play", "event"):
                th = Thread(e)
                self.threads.append(th)
                self.thread_of[e.index] = th
                last_thread = th
            elif t == "answer":
                th = None
                if ev.get("kind") == "response" and ev.get("card"):
                    th = next((x for x in reversed(self.threads) if x.head.event["type"] == "play"
                               and x.head.event["card"] == ev["card"]), None)
                elif ev.get("event"):
                    th = next((x for x in reversed(self.threads) if x.head.event["type"] == "event"
                               and x.head.event["event"] == ev["event"]), None)
                else:
                    th = last_thread
                if th is not None:
                    th.answers.append(e)
                    self.thread_of[e.index] = th
                    last_thread = th
            elif t in ("round", "miscalculation"):
                last_thread = None
            if t in CAUSES:
                cause = e
            if t == "track" and cause is not None:
                self.cause[e.index] = cause
                th = self.thread_of.get(cause.index)
                if th is not None and cause.event["type"] in ("play", "answer", "event"):
                    th.moves.append(e)

    def _option_label(self, ev: dict) -> str:
        src = ev.get("src", -1)
        if isinstance(src, int) and 0 <= src < len(self.g.sources):
            for o in self.g.sources[src][1]:
                if o.id == ev.get("option"):
                    return text_of(o.label, self.lang)
        return str(ev.get("option", ""))

    def _after(self, answer: Entry, th: Thread) -> list[dict]:
        """The events an answer caused (until the next cause-starting event of its step)."""
        out = []
        for e in self.tl.entries[answer.index + 1:]:
            if e.step != answer.step or e.event["type"] in ("answer", "play", "event", "round", "phase"):
                break
            out.append(e.event)
        return out

    def answer_how(self, a: Entry, th: Thread) -> str:
        """conceded | called | cooperated | escalated | '' from the option's AI hint."""
        return {"concede": "conceded", "defy": "called", "cooperate": "cooperated",
                "escalate": "escalated"}.get(a.event.get("hint", ""), "")

    def tariff_kind(self, a: Entry, th: Thread) -> str:
        """multilateral | bilateral | absorbed: what a tariff's target chose."""
        ev = a.event
        key = f"{ev.get('option', '')} {text_of(self._option_label(ev), 'en')}".lower()
        if any(k in key for k in ("multilateral", "wto", "cptpp", "coalition", "partners", "together")):
            return "multilateral"
        if any(k in key for k in ("bilateral", "exemption", "exception", "deal")):
            return "bilateral"
        if ev.get("hint") == "cooperate":
            return "multilateral"
        if ev.get("hint") == "concede":
            return "bilateral"
        after = self._after(a, th)
        if any(x["type"] == "join" for x in after):
            return "multilateral"
        d = sum(x["delta"] for x in after if x["type"] == "track" and x["track"] == self.rules)
        if d > 0:
            return "multilateral"
        if d < 0:
            return "bilateral"
        return "absorbed"

    def threads_tagged(self, tag: str) -> list[Thread]:
        return [th for th in self.threads if th.head.event["type"] == "play" and tag in th.head.event.get("tags", ())]

    def value_after(self, entries: list[Entry], track: str) -> int | None:
        vals = [m.event["value"] for m in entries if m.event["track"] == track]
        return vals[-1] if vals else None

    def ended_war(self) -> bool:
        return self.tl.state.outcome == "war"

    # ------------------------------------------------------------------ text helpers
    def f(self, fid: str) -> str:
        return self.n.faction(fid)

    def line(self, e: Entry) -> str:
        return (describe(e.event, self.g, self.lang) or e.event.get("type", "")).strip()  # no log indent in prose

    def _answer_text(self, a: Entry, th: Thread, how: str) -> str:
        suffix = self.w.get(how, "") if how else ""
        return self.w["answered"].format(f=self.f(a.event["faction"]), label=self._option_label(a.event), how=suffix)

    # ------------------------------------------------------------------ sections
    def threats(self) -> list[Line]:
        out = []
        for th in self.threads_tagged("threat"):
            ev = th.head.event
            key = "threat_line" if ev.get("target") else "threat_line_all"
            parts = [self.w[key].format(r=th.head.round, a=self.f(ev["faction"]), t=self.f(ev.get("target", "")),
                                        card=self.n.card(ev["card"]))]
            if not th.answers and self.g.cards[self.g.cidx[ev["card"]]].response is not None:
                parts.append(self.w["unanswered"])
            for a in th.answers:
                how = self.answer_how(a, th) if a.event.get("kind") == "response" else ""
                if a.event.get("kind") == "response":
                    parts.append(self._answer_text(a, th, how))
                else:
                    parts.append(self.w["choice_line"].format(f=self.f(a.event["faction"]),
                                                              label=self._option_label(a.event)))
            out.append(Line(th.head.round, self.sep.join(parts), [th.head.index] + [a.index for a in th.answers]))
        return out

    def tariffs(self) -> list[Line]:
        out = []
        for th in self.threads_tagged("tariff"):
            if "threat" in th.head.event.get("tags", ()):
                continue  # told with the threats
            ev = th.head.event
            key = "tariff_line" if ev.get("target") else "tariff_line_all"
            parts = [self.w[key].format(r=th.head.round, a=self.f(ev["faction"]), t=self.f(ev.get("target", "")),
                                        card=self.n.card(ev["card"]))]
            for a in th.answers:
                if a.event.get("kind") == "response":
                    kind = self.tariff_kind(a, th)
                    parts.append(self.w["answered"].format(f=self.f(a.event["faction"]),
                                                           label=self._option_label(a.event), how=self.w[kind]))
                else:
                    parts.append(self.w["choice_line"].format(f=self.f(a.event["faction"]),
                                                              label=self._option_label(a.event)))
            out.append(Line(th.head.round, self.sep.join(parts), [th.head.index] + [a.index for a in th.answers]))
        return out

    def other_answers(self) -> list[Line]:
        """Answers to cards that are neither threats nor tariffs (they are key moments too)."""
        out = []
        for th in self.threads:
            ev = th.head.event
            if ev["type"] != "play" or {"threat", "tariff"} & set(ev.get("tags", ())) or not th.answers:
                continue
            text = describe(ev, self.g, self.lang) or ""
            parts = [f"{self._round(th.head.round)}: {text}"]
            for a in th.answers:
                parts.append(self.w["choice_line"].format(f=self.f(a.event["faction"]), label=self._option_label(a.event)))
            out.append(Line(th.head.round, self.sep.join(parts), [th.head.index] + [a.index for a in th.answers]))
        return out

    def _round(self, r: int) -> str:
        return f"第{r}ラウンド" if self.lang == "ja" else f"Round {r}"

    def crises(self) -> list[Line]:
        out = []
        for th in self.threads:
            ev = th.head.event
            if ev["type"] != "event":
                continue
            parts = [self.w["event_line"].format(r=th.head.round, event=self.n.event(ev["event"]),
                                                 crisis=self.w["crisis_tag"] if ev.get("crisis") else "")]
            for a in th.answers:
                parts.append(self.w["choice_line"].format(f=self.f(a.event["faction"]), label=self._option_label(a.event)))
            d = th.delta(self.tension) if self.tension else 0
            if d:
                parts.append(f"({self.n.track(self.tension)} {d:+d})")
            out.append(Line(th.head.round, self.sep.join(parts), [th.head.index] + [a.index for a in th.answers]))
        return out

    def coalitions(self) -> list[Line]:
        out = []
        rs = self.g.ruleset
        touched = {e.event["coalition"] for e in self.tl.of_type("join", "leave")}
        for co in rs.coalitions:
            if co.members and co.id in touched or co.members:
                out.append(Line(0, self.w["founders"].format(k=self.n.coalition(co.id),
                                                             members=", ".join(self.f(m) for m in co.members))))
        for e in self.tl.of_type("join", "leave"):
            ev = e.event
            if ev["type"] == "leave":
                out.append(Line(e.round, self.w["leave_line"].format(r=e.round, f=self.f(ev["faction"]),
                                                                     k=self.n.coalition(ev["coalition"])), [e.index]))
                continue
            how = self._join_how(e)
            out.append(Line(e.round, self.w["join_line"].format(r=e.round, f=self.f(ev["faction"]),
                                                                k=self.n.coalition(ev["coalition"]), n=ev["members"], how=how),
                            [e.index]))
        return out

    def _join_how(self, e: Entry) -> str:
        for prev in reversed(self.tl.entries[:e.index]):
            if prev.step != e.step:
                break
            t = prev.event["type"]
            if t == "proposal" or t == "accept":
                return self.w["via_deal"]
            if t == "answer":
                th = self.thread_of.get(prev.index)
                what = self.n.card(th.head.event["card"]) if th and th.head.event["type"] == "play" else (
                    self.n.event(th.head.event["event"]) if th else "")
                return self.w["via_answer"].format(what=what) if what else ""
            if t == "play":
                return self.w["via_card"].format(card=self.n.card(prev.event["card"]))
        return ""

    def proposals(self) -> tuple[list[list[str]], list[int]]:
        """Table rows (round, from, to, terms, outcome) and the entries they tell."""
        rows, refs = [], []
        by_id: dict[int, dict] = {}
        for e in self.tl.of_type("proposal", "accept", "reject", "deal"):
            ev = e.event
            if ev["type"] == "proposal":
                by_id[ev["id"]] = {"e": e, "out": self.w["left_open"], "refs": [e.index]}
                continue
            rec = by_id.get(ev["id"])
            if rec is None:
                continue
            rec["refs"].append(e.index)
            if ev["type"] == "deal":
                rec["out"] = self.w["accepted"]
            elif ev["type"] == "reject":
                key = "countered_by" if ev.get("counter") else "rejected_by"
                rec["out"] = self.w[key].format(f=self.f(ev["faction"]))
        for rec in by_id.values():
            ev = rec["e"].event
            rows.append([str(rec["e"].round), self.f(ev["from"]), ", ".join(self.f(x) for x in ev["to"]),
                         "; ".join(self.n.term(t) for t in ev["terms"]), rec["out"]])
            refs += rec["refs"]
        return rows, refs

    def broken(self) -> list[Line]:
        return [Line(e.round, self.w["broken_line"].format(r=e.round, f=self.f(e.event["by"]), t=self.f(e.event["toward"]),
                                                           tag=self.n.tag(e.event["tag"]), card=self.n.card(e.event["card"])), [e.index])
                for e in self.tl.of_type("commitment_broken")]

    def votes(self) -> list[tuple[Line, list[list[str]]]]:
        out = []
        opened = None
        for e in self.tl.of_type("vote_open", "vote_result"):
            ev = e.event
            if ev["type"] == "vote_open":
                opened = e
                continue
            by = self.f(opened.event["by"]) if opened else "?"
            text = self.w["vote_line"].format(r=e.round, f=by, card=self.n.card(ev["card"]), yes=ev["yes"],
                                              need=ev["threshold"], result=self.w["passed" if ev["passed"] else "failed"])
            ballots = [[self.f(k), self.w[v] if v in ("yes", "no") else v] for k, v in ev["ballots"].items()]
            out.append((Line(e.round, text, [e.index] + ([opened.index] if opened else [])), ballots))
            opened = None
        return out

    def miscalculations(self) -> list[Line]:
        out = []
        for e in self.tl.of_type("miscalculation"):
            moves = [m for m in self.tl.entries[e.index + 1:] if m.step == e.step and m.event["type"] == "track"
                     and self.cause.get(m.index) is e]
            v = self.value_after(moves, self.tension)
            if v is None:
                v = self.tl.points[-1].tracks.get(self.tension, "?")
            out.append(Line(e.round, self.w["misc_line"].format(r=e.round, chance=e.event["chance"], v=v), [e.index]))
        return out

    def misc_chances(self) -> str:
        checks = self.tl.of_type("miscalculation_check")
        return ", ".join(f"{self._round(e.round)} {e.event['chance']}%" for e in checks)

    def cause_text(self, c: Entry) -> str:
        ev = c.event
        t = ev["type"]
        if t == "phase":
            return "— " + (describe(ev, self.g, self.lang) or "").strip("— ").strip() + " —"
        if t == "answer":
            th = self.thread_of.get(c.index)
            head = describe(th.head.event, self.g, self.lang) if th else ""
            return f"{head} {self.line(c)}".strip()
        return self.line(c)

    def war_chain(self, limit: int = 16) -> list[Line]:
        """Every move of Tension in the last two rounds before the war, one line per cause, in order,
        ending with the faction whose move crossed the threshold."""
        if not self.ended_war() or not self.tension:
            return []
        over = self.tl.of_type("game_over")
        war_round = over[-1].round if over else self.tl.state.round
        moves = [e for e in self.tl.entries if e.event["type"] == "track" and e.event["track"] == self.tension
                 and e.round >= war_round - 1]
        groups: list[tuple[Entry | None, list[Entry]]] = []
        for e in moves:
            c = self.cause.get(e.index)
            if groups and groups[-1][0] is c and c is not None:
                groups[-1][1].append(e)
            else:
                groups.append((c, [e]))
        out: list[Line] = []
        for c, es in groups[-limit:]:
            what = self.cause_text(c) if c is not None else "?"
            d = sum(e.event["delta"] for e in es)
            out.append(Line(es[0].round, self.w["war_step"].format(r=es[0].round, what=what, d=d, v=es[-1].event["value"]),
                            [e.index for e in es] + ([c.index] if c is not None else [])))
        by = self.tl.state.fid(self.tl.state.war_by)
        end = over[-1] if over else None
        out.append(Line(war_round, self.w["war_end"].format(by=self.f(by)) if by else self.w["war_end_events"],
                        [end.index] if end else []))
        return out

    def key_entries(self) -> list[Entry]:
        return [e for e in self.tl.entries if is_key(e)]

    def _decisive(self, first: Entry, step_entries: list[Entry]) -> bool:
        """Whether the action of a step was itself a key decision (not a pass that let an event fire)."""
        t = first.event["type"]
        if t in ("answer", "reject"):
            return True
        if t == "play":
            th = self.thread_of.get(first.index)
            return is_key(first) or bool(th and (th.delta(self.tension) if self.tension else 0))
        if t in ("accept", "ballot"):
            return any(x.event["type"] in ("deal", "vote_result") for x in step_entries)
        return False

    def reasons(self, limit: int = 30) -> list[Line]:
        """The AI seats' one-line reasons at the steps where key events happened."""
        out: list[Line] = []
        rank: list[int] = []
        seen: set[int] = set()
        for e in self.key_entries():
            s = e.step
            if s in seen or s < 1:
                continue
            actor = self.tl.actor_at(s)
            reason = self.tl.reason_at(s).strip()
            if not reason or not actor or not self.tl.is_ai(actor):
                continue
            step_entries = [x for x in self.tl.entries if x.step == s]
            first = next((x for x in step_entries if x.event["type"] in
                          ("play", "answer", "proposal", "accept", "reject", "ballot", "pass")), None)
            if first is None or not self._decisive(first, step_entries):
                continue
            move = self.line(first)
            if first.event["type"] == "ballot":
                move = self.f(actor) + (" — 投票" if self.lang == "ja" else " votes")
            seen.add(s)
            out.append(Line(e.round, self.w["reason_line"].format(r=e.round, move=move, reason=reason), [e.index]))
            rank.append(self._weight(first, step_entries))
        if len(out) <= limit:
            return out
        keep = sorted(sorted(range(len(out)), key=lambda i: (rank[i], i))[:limit])
        return [out[i] for i in keep]

    def _weight(self, first: Entry, step_entries: list[Entry]) -> int:
        """0 = tell first: threats, tariffs and crisis answers; then moves of Tension; deals last."""
        ev = first.event
        types = {x.event["type"] for x in step_entries}
        if ev["type"] == "play" and {"threat", "tariff"} & set(ev.get("tags", ())):
            return 0
        if ev["type"] == "answer":
            th = self.thread_of.get(first.index)
            head = th.head.event if th else {}
            if {"threat", "tariff"} & set(head.get("tags", ())) or head.get("crisis"):
                return 0
            return 1
        if types & {"commitment_broken", "game_over", "miscalculation"}:
            return 0
        if ev["type"] == "play":
            return 1
        if ev["type"] in ("reject", "ballot"):
            return 2
        return 3
