"""Role sheets: one printable page per faction (its situation, what it must decide, what it
values and how it scores, its own cards and the cards others may play on it, the shared
goals and the war rule, quotes from the brief) and a one-page rules summary for the table.
Works for any ruleset, so a facilitator's custom scenario gets the same sheets.
"""
from __future__ import annotations

import re
from pathlib import Path

from game.engine import bits
from game.report.document import Document, to_html, to_markdown
from game.report.files import write_text
from game.report.words import words
from game.rules.schema import Card, Faction, Ruleset, text_of


# folded YAML puts a space where a Japanese line broke; Japanese has no spaces between words
_CJK_GAP = re.compile(r"(?<=[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef])")


def _quote_parts(source: str) -> tuple[str, str]:
    """'Part 2 §3(2): “Japan can …”' -> ('Japan can …', 'Part 2 §3(2)')."""
    m = re.match(r"^\s*([^:'\"“]{1,60}):\s*(.+)$", source)
    if m:
        cite, quote = m.group(1).strip(), m.group(2).strip()
    else:
        cite, quote = "", source.strip()
    quote = quote.strip("'\"“”‘’ ")
    return quote, cite


class _Sheets:
    def __init__(self, rs: Ruleset, lang: str) -> None:
        self.rs, self.lang, self.w = rs, lang, words(lang)
        self.names = {f.id: text_of(f.name, lang) for f in rs.factions}
        self.res = {r.id: text_of(r.name, lang) for r in rs.resources}
        self.tracks = {t.id: t for t in rs.tracks}
        self.goals = {g.id: g for g in rs.scoring.shared}
        self.coalitions = {k.id: text_of(k.name, lang) for k in rs.coalitions}
        self.title = text_of(rs.name, lang)
        self.cite_brief = "the brief" if lang != "ja" else "提言"

    def t(self, value) -> str:
        text = text_of(value, self.lang)
        return _CJK_GAP.sub("", text) if self.lang == "ja" else text

    def term_name(self, key: str) -> str:
        if key in self.res:
            return self.res[key]
        if key in self.goals:
            return self.t(self.goals[key].name)
        return key

    def card_line(self, c: Card, holder: str | None = None) -> str:
        w = self.w
        target = ""
        if c.target == "faction":
            target = (w["card_target_only"].format(who=", ".join(self.names.get(x, x) for x in c.targets))
                      if c.targets else w["card_target"])
        line = w["card_line"].format(name=self.t(c.name), cost=c.cost, target=target, text=self.t(c.text))
        if c.response is not None:
            who = self.t(c.response.prompt)
            opts = " / ".join(f"“{self.t(o.label)}”" for o in c.response.options)
            line += f" — {who} {opts}"
        if c.vote is not None:
            line += f" — {self.t(c.vote.prompt)} ({c.vote.threshold}+ yes)" if self.lang != "ja" else \
                f" — {self.t(c.vote.prompt)}（賛成{c.vote.threshold}以上）"
        return line

    def shared_and_war(self, doc: Document) -> None:
        w = self.w
        items = []
        for g in self.rs.scoring.shared:
            tr = self.tracks.get(g.track)
            if tr is None:
                continue
            how = (w["goal_invert"] if g.invert else w["goal_plain"]).format(track=self.t(tr.name), max=tr.max, start=tr.start)
            items.append(w["goal_line"].format(name=self.t(g.name), how=how))
        doc.ul(items)
        for tr in self.rs.tracks:
            for th in tr.thresholds:
                if th.ends_game == "war":
                    war = self.rs.scoring.war
                    doc.p(w["war_rule"].format(track=self.t(tr.name), at=th.at, everyone=abs(war.everyone),
                                               trigger=abs(war.trigger)))

    # ------------------------------------------------------------------ one faction
    def sheet(self, fac: Faction) -> Document:
        w, rs = self.w, self.rs
        doc = Document(w["brief_title"].format(f=self.names[fac.id]), self.lang)
        doc.p(self.title + (f" — {self.t(rs.question)}" if rs.question else ""), cls="lead")
        doc.h(2, w["h_role"])
        doc.p(self.t(fac.briefing) or self.t(rs.description))
        if fac.decision:
            doc.h(2, w["h_decision"])
            doc.p(self.t(fac.decision))
        doc.h(2, w["h_start"])
        doc.ul([w["res_line"].format(r=self.res[r.id], v=bits.clamp(fac.start.get(r.id, 0), r.min, r.max),
                                     min=r.min, max=r.max) for r in rs.resources])
        trust = []
        for p in rs.trust.pairs:
            if fac.id in (p.a, p.b):
                other = p.b if p.a == fac.id else p.a
                if other in self.names:
                    trust.append(w["trust_line"].format(f=self.names[other], v=f"{p.value:+d}"))
        if trust:
            doc.p(f"**{w['h_partners']}** ({rs.trust.min}…{rs.trust.max}): " + ", ".join(trust))
        founded = [self.coalitions[k.id] for k in rs.coalitions if fac.id in k.members]
        if founded:
            doc.p(("**連合**：" if self.lang == "ja" else "**Member of:** ") + ", ".join(founded))
        doc.h(2, w["h_values"])
        weights = sorted(fac.weights.items(), key=lambda kv: -kv[1])
        doc.table([("項目" if self.lang == "ja" else "Value"), ("重み" if self.lang == "ja" else "Weight")],
                  [[self.term_name(k), f"{v:g}"] for k, v in weights if v])
        doc.p(w["score_formula"])
        objectives = [o for o in rs.scoring.objectives if o.faction in (None, fac.id)]
        if objectives:
            doc.h(3, w["h_objectives"])
            doc.ul([w["objective_line"].format(name=self.t(o.name), vis=w["secret" if o.secret else "public"],
                                               pts=o.points, text=self.t(o.text)) for o in objectives])
        own = [c for c in rs.cards if c.holders == [fac.id]]
        doc.h(2, w["h_cards"])
        doc.ul([self.card_line(c) for c in own]) if own else doc.p(w["no_own_cards"])
        shared = [c for c in rs.cards if c not in own and (c.holders is None or fac.id in c.holders)]
        if shared:
            doc.h(3, w["h_shared_cards"])
            doc.p(", ".join(f"{self.t(c.name)} ({c.cost})" for c in shared))
        against = [c for c in rs.cards if c.target == "faction" and c.targets and fac.id in c.targets
                   and c.response is not None and not (c.holders and fac.id in c.holders)]
        if against:
            doc.h(3, "あなたに対して使われうるカードと応じ方" if self.lang == "ja" else "Cards others may play on you, and your answers")
            doc.ul([f"**{self.t(c.name)}** ({', '.join(self.names.get(h, h) for h in (c.holders or []))}): "
                    + " / ".join(f"“{self.t(o.label)}”" for o in c.response.options) for c in against])
        doc.h(2, w["h_shared"])
        self.shared_and_war(doc)
        quotes = self.quotes(fac, own + against)
        if quotes:
            doc.h(2, w["h_quotes"])
            for q, cite in quotes:
                doc.quote(q, cite)
        return doc

    def quotes(self, fac: Faction, cards: list[Card], limit: int = 5) -> list[tuple[str, str]]:
        sources = [c.source for c in cards]
        sources += [o.source for o in self.rs.scoring.objectives if o.faction == fac.id and o.source]
        sources += [k.source for k in self.rs.coalitions if k.source and (fac.id in k.members or
                    (k.may_join is not None and fac.id in k.may_join))]
        out, seen = [], set()
        for s in sources:
            q, cite = _quote_parts(s)
            if len(q) < 12 or q in seen:
                continue
            seen.add(q)
            out.append((q, cite or self.cite_brief))
        return out[:limit]

    # ------------------------------------------------------------------ the table
    def rules(self) -> Document:
        w, rs, turn = self.w, self.rs, self.rs.turn
        doc = Document(w["rules_title"].format(name=self.title), self.lang)
        if rs.question:
            doc.p(self.t(rs.question), cls="lead")
        doc.p(self.t(rs.description))
        doc.h(2, w["h_round"])
        doc.p(w["rounds_line"].format(rounds=turn.rounds))
        cost = self.res.get(turn.cost_resource, turn.cost_resource)
        income = ", ".join(f"{v:+d} {self.res.get(k, k)}" for k, v in turn.income.items()) or "—"
        steps = [s.format(events=turn.events_per_round, every=turn.extra_event_every or "—",
                          proposals=turn.proposals.per_round,
                          tradeable=", ".join(self.res.get(r, r) for r in turn.proposals.tradeable) or "—",
                          promises="/".join(turn.proposals.promise_tags), commit=turn.proposals.commitment_rounds,
                          actions=turn.actions_per_round, cost=cost, income=income, hand=turn.hand_size)
                 for s in w["round_steps"]]
        doc.ul(steps)
        rules = []
        if turn.support is not None:
            rules.append(w["support_rule"].format(res=self.res.get(turn.support.resource, turn.support.resource)))
        p = turn.proposals
        if p.binding:
            rules.append(w["binding_rule"])
        else:
            track = self.t(self.tracks[p.break_track].name) if p.break_track in self.tracks else "—"
            rules.append(w["broken_rule"].format(trust=abs(p.break_trust), track=track, delta=f"{p.break_track_delta:+d}"))
        doc.ul(rules)
        doc.h(2, "トラック" if self.lang == "ja" else "The tracks")
        items = []
        for tr in rs.tracks:
            items.append(w["tracks_line"].format(name=self.t(tr.name), min=tr.min, max=tr.max, start=tr.start,
                                                 text=self.t(tr.text)))
            for th in tr.thresholds:
                msg = self.t(th.message) or (th.ends_game or "")
                items.append("→ " + w["threshold_line"].format(at=th.at, dir=w["dir_" + th.direction], msg=msg))
        doc.ul(items)
        doc.h(2, w["h_shared"])
        self.shared_and_war(doc)
        doc.h(2, "国・地域" if self.lang == "ja" else "The factions")
        head = w["factions_head"].split("|")
        rows = []
        for fac in rs.factions:
            start = ", ".join(f"{self.res[r.id]} {fac.start.get(r.id, max(r.min, 0))}" for r in rs.resources)
            values = ", ".join(self.term_name(v) for v in fac.ai.values) or ", ".join(
                self.term_name(k) for k, _ in sorted(fac.weights.items(), key=lambda kv: -kv[1])[:3])
            rows.append([self.names[fac.id], start, values])
        doc.table(head, rows)
        if rs.coalitions:
            doc.h(2, "連合" if self.lang == "ja" else "Coalitions")
            doc.ul([w["coalitions_line"].format(
                name=self.coalitions[k.id],
                members=w["members_now"].format(m=", ".join(self.names.get(m, m) for m in k.members)) if k.members else "",
                text=self.t(k.text)) for k in rs.coalitions])
        return doc


def write_all(rs: Ruleset, out: Path, fmt: str = "both", lang: str = "en") -> list[Path]:
    """Write rules-summary.* and role-<faction>.* (plus print-all.html) into `out`."""
    from game.report.charts import japanese_font

    sheets = _Sheets(rs, lang)
    font = japanese_font() if lang == "ja" else None
    docs: list[tuple[str, Document]] = [("rules-summary", sheets.rules())]
    docs += [(f"role-{fac.id}", sheets.sheet(fac)) for fac in rs.factions]
    written: list[Path] = []
    for name, doc in docs:
        if fmt in ("html", "both"):
            written.append(write_text(out / f"{name}.html", to_html(doc, font=font)))
        if fmt in ("md", "both"):
            written.append(write_text(out / f"{name}.md", to_markdown(doc)))
    if fmt in ("html", "both"):
        everything = Document(sheets.w["brief_index_title"].format(name=sheets.title), lang)
        everything.p(sheets.w["index_intro"])
        for name, doc in docs:
            everything.page_break()
            everything.h(1, doc.title)
            everything.blocks.extend(doc.blocks)
        written.append(write_text(out / "print-all.html", to_html(everything, font=font)))
    return written
