"""The proposal composer: recipients, terms, and a preview of what each side gives and commits to."""
from __future__ import annotations

import pygame

from game.engine import Term, propose, why_not
from game.rules.schema import text_of
from game.ui.i18n import STRINGS
from game.ui.scene import Scene
from game.ui.theme import colour

KINDS = ("give", "promise", "join")


class ComposerScene(Scene):
    name = "proposal"
    opaque = False

    def __init__(self, app, table) -> None:
        super().__init__(app)
        self.table = table
        match = table.match
        st = match.state
        self.g = st.game
        self.me = match.viewer
        self.counter_to = None
        if match.kind() == "counter":
            self.counter_to = self.g.factions[st.pending[0].actor]
        others = [f for f in self.g.factions if f != self.me]
        self.recipients: list[str] = [self.counter_to] if self.counter_to else others[:1]
        self.terms: list[Term] = []
        rules = self.g.ruleset.turn.proposals
        self.rules = rules
        self.kind = "give" if rules.tradeable else "promise"
        self.who = self.me
        self.what_i = 0
        self.to = self.recipients[0] if self.recipients else ""
        self.amount = 1

    # ------------------------------------------------------------- choices
    def parties(self) -> list[str]:
        return [self.me] + [r for r in self.g.factions if r in self.recipients]

    def whats(self) -> list[str]:
        if self.kind == "give":
            return list(self.rules.tradeable)
        if self.kind == "promise":
            return list(self.rules.promise_tags)
        return [co.id for co in self.g.coalitions]

    def fix(self) -> None:
        parties = self.parties()
        if self.who not in parties:
            self.who = self.me
        if self.to not in parties or self.to == self.who:
            self.to = next((p for p in parties if p != self.who), "")
        if self.what_i >= len(self.whats()):
            self.what_i = 0

    def names(self):
        return self.table.match.names(self.app.lang)

    def what_name(self, kind: str, what: str) -> str:
        n = self.names()
        if kind == "give":
            return n.resource(what)
        if kind == "join":
            return n.coalition(what)
        return self.t("fam_" + what) if ("fam_" + what) in STRINGS else what

    def term_line(self, t: Term) -> str:
        n = self.names()
        if t.kind == "give":
            s = self.t("gives_line", n=t.amount, what=n.resource(t.what), to=n.faction(t.b))
        elif t.kind == "promise":
            tag = self.t("fam_" + t.what) if ("fam_" + t.what) in STRINGS else t.what
            s = self.t("promise_line", what=tag, to=n.faction(t.b), n=self.rules.commitment_rounds)
        else:
            s = self.t("join_line", what=n.coalition(t.what))
        return n.faction(t.a) + self.t("label_sep") + s

    # ------------------------------------------------------------- layout
    def layout(self) -> None:
        self.fix()
        m, text = self.m, self.app.text
        p = m.pad
        W, H = m.w, m.h
        self.box = pygame.Rect(0, 0, min(W - 4 * p, m.px(1500)), H - 2 * p)
        self.box.midtop = (W // 2, p)
        b = self.box
        x0 = b.x + p
        y = b.y + p + text.line_h(m.large) + p // 2
        n = self.names()
        # recipients
        self.to_label = (x0, y + (m.button_h - text.line_h(m.base)) // 2)
        x = x0 + text.width(self.t("recipients"), m.base) + p
        for f in self.g.factions:
            if f == self.me:
                continue
            label = n.faction(f)
            w = self.button_w(label)
            if x + w > b.right - p:
                x = x0 + text.width(self.t("recipients"), m.base) + p
                y += m.button_h + p // 2
            on = f in self.recipients
            self.button((x, y, w, m.button_h), label, lambda f=f: self.toggle(f),
                        cls="toggle_on" if on else None, enabled=self.counter_to is None or f == self.counter_to)
            x += w + p // 2
        y += m.button_h + p
        # the term builder
        whats = self.whats()
        fields = [(self.t("kind", v=self.t("kind_" + self.kind)), self.cycle_kind)]
        fields.append((self.t("who", v=n.faction(self.who)), self.cycle_who))
        if whats:
            fields.append((self.t("what", v=self.what_name(self.kind, whats[self.what_i])), self.cycle_what))
        if self.kind in ("give", "promise") and self.to:
            fields.append((self.t("to_whom", v=n.faction(self.to)), self.cycle_to))
        if self.kind == "give":
            fields.append((self.t("amount", v=self.amount), self.cycle_amount))
        fields.append((self.t("add_term"), self.add_term))
        x = x0
        for i, (label, fn) in enumerate(fields):
            w = self.button_w(label)
            if x + w > b.right - p:
                x = x0
                y += m.button_h + p // 2
            self.button((x, y, w, m.button_h), label, fn, cls="primary" if fn == self.add_term else None,
                        enabled=bool(whats) or fn != self.add_term)
            x += w + p // 2
        y += m.button_h + p
        # the terms so far
        self.term_rows = []
        rw = self.button_w(self.t("remove"))
        for i, t in enumerate(self.terms):
            self.term_rows.append((self.term_line(t), (x0, y + (m.button_h - text.line_h(m.base)) // 2)))
            self.button((b.right - p - rw, y, rw, m.button_h), self.t("remove"), lambda i=i: self.remove(i), cls="quiet")
            y += m.button_h + p // 3
        self.preview_y = y + p // 2
        # the box ends below the preview (a heading, a name and up to six lines per party)
        need = (self.preview_y + 2 * text.line_h(m.base) + 6 * text.line_h(m.small) + p + m.button_h + p) - b.y
        b.h = min(b.h, max(need, m.px(360)))
        b.centery = max(H // 2, b.h // 2 + p) if b.h < H - 2 * p else b.centery
        shift = b.y - p
        if shift:
            for w in self.widgets:
                w.rect.y += shift
                w.ui.set_relative_position(w.rect.topleft)
            self.to_label = (self.to_label[0], self.to_label[1] + shift)
            self.term_rows = [(t, (pos[0], pos[1] + shift)) for t, pos in self.term_rows]
            self.preview_y += shift
        # send / cancel
        bw = max(self.button_w(self.t("send")), self.button_w(self.t("cancel")), m.px(200))
        by = b.bottom - p - m.button_h
        self.button((b.right - p - bw, by, bw, m.button_h), self.t("send"), self.send, cls="primary")
        self.button((b.right - 2 * (p + bw), by, bw, m.button_h), self.t("cancel"), self.app.pop, cls="quiet")
        self.bottom_y = by

    # ------------------------------------------------------------- editing
    def toggle(self, f: str) -> None:
        if self.counter_to:
            return
        if f in self.recipients:
            self.recipients.remove(f)
            self.terms = [t for t in self.terms if t.a != f and t.b != f]
        else:
            self.recipients.append(f)
        self.build()

    def cycle_kind(self) -> None:
        kinds = [k for k in KINDS if (k != "give" or self.rules.tradeable) and (k != "join" or self.g.coalitions)]
        self.kind = kinds[(kinds.index(self.kind) + 1) % len(kinds)] if self.kind in kinds else kinds[0]
        self.what_i = 0
        self.build()

    def cycle_who(self) -> None:
        ps = self.parties()
        self.who = ps[(ps.index(self.who) + 1) % len(ps)]
        self.build()

    def cycle_to(self) -> None:
        ps = [p for p in self.parties() if p != self.who]
        if ps:
            self.to = ps[(ps.index(self.to) + 1) % len(ps)] if self.to in ps else ps[0]
        self.build()

    def cycle_what(self) -> None:
        self.what_i = (self.what_i + 1) % max(1, len(self.whats()))
        self.build()

    def cycle_amount(self) -> None:
        self.amount = self.amount % self.rules.max_amount + 1
        self.build()

    def add_term(self) -> None:
        whats = self.whats()
        if not whats:
            return
        what = whats[self.what_i]
        if self.kind == "join":
            t = Term("join", self.who, what)
        elif self.kind == "promise":
            t = Term("promise", self.who, what, self.to)
        else:
            t = Term("give", self.who, what, self.to, self.amount)
        if len(self.terms) >= self.rules.max_terms:
            self.message = self.t("illegal", why=f"max {self.rules.max_terms}")
            return
        self.terms.append(t)
        self.message = ""
        self.build()

    def remove(self, i: int) -> None:
        if 0 <= i < len(self.terms):
            self.terms.pop(i)
        self.build()

    def send(self) -> None:
        if not self.recipients:
            self.message = self.t("no_recipient")
            return
        if not self.terms:
            self.message = self.t("no_terms")
            return
        recips = tuple(f for f in self.g.factions if f in self.recipients)
        action = propose(self.me, recips, tuple(self.terms))
        why = why_not(self.table.match.state, action)
        if why:
            self.message = self.t("illegal", why=why)
            return
        self.app.pop()
        self.table.do(action)

    def on_escape(self) -> None:
        self.app.pop()

    # ------------------------------------------------------------- drawing
    def draw(self, surf) -> None:
        m, text = self.m, self.app.text
        p = m.pad
        b = self.box
        pygame.draw.rect(surf, colour("panel"), b, border_radius=m.px(12))
        pygame.draw.rect(surf, colour("accent"), b, max(2, m.px(2)), border_radius=m.px(12))
        n = self.names()
        text.draw(surf, self.t("composer_title", f=n.faction(self.me)), m.large, colour("ink"), (b.x + p, b.y + p // 2),
                  bold=True, width=b.w - 2 * p)
        text.draw(surf, self.t("recipients"), m.base, colour("ink_dim"), self.to_label)
        rw = self.button_w(self.t("remove"))
        for line, pos in self.term_rows:
            text.draw(surf, line, m.base, colour("ink"), pos, width=b.right - 2 * p - rw - pos[0])
        # preview per party
        y = self.preview_y
        text.draw(surf, self.t("preview"), m.base, colour("accent"), (b.x + p, y), bold=True, width=b.w - 2 * p)
        y += text.line_h(m.base)
        parties = self.parties()
        cols = max(1, len(parties))
        cw = (b.w - 2 * p) // cols
        lh = text.line_h(m.small)
        for i, f in enumerate(parties):
            x = b.x + p + i * cw
            yy = y
            text.draw(surf, n.faction(f), m.base, colour("ink"), (x, yy), bold=True, width=cw - p)
            yy += text.line_h(m.base)
            mine = [t for t in self.terms if t.a == f]
            lines = []
            for t in mine:
                lines += text.wrap("• " + self.term_line(t).split(self.t("label_sep"), 1)[1], m.small, cw - p)
            got = [t for t in self.terms if t.kind == "give" and t.b == f]
            for t in got:
                lines += text.wrap(f"+ {t.amount} {n.resource(t.what)} ← {n.faction(t.a)}", m.small, cw - p)
            if not lines:
                lines = [self.t("nothing")]
            room = max(0, (self.bottom_y - p // 2 - yy) // lh)
            text.blit_lines(surf, lines, m.small, colour("ink_dim"), x, yy, max_lines=room, width=cw - p)
