"""The proposal composer: recipients in a selection list, a term built from drop-downs, the terms
so far in a list, and a preview of what each side gives and commits to. The layout depends only
on the window and the ruleset, never on the terms: nothing moves as terms are added or removed.
A counter-proposal starts from the offer it answers."""
from __future__ import annotations

import pygame

from game.engine import Term, pending, propose, why_not
from game.ui.i18n import STRINGS
from game.ui.match import Match
from game.ui.scene import Scene
from game.ui.theme import colour

KINDS = ("give", "promise", "join")


def answered_offer(match) -> tuple[str, list[Term]] | None:
    """The proposer and terms of the offer a pending counter-proposal answers, from the log (the
    rejected offer is no longer open), keeping the terms between the two parties only."""
    st = match.state
    p = pending(st)
    if p.kind != "counter":
        return None
    me, to = p.faction, p.actor
    for _step, ev in reversed(match.session.events):
        if ev.get("type") == "proposal" and ev.get("id") == p.proposal:
            terms = [Term.from_dict(t) for t in ev.get("terms", [])]
            return to, [t for t in terms if t.a in (me, to) and (not t.b or t.b in (me, to))]
    return to, []


class ComposerScene(Scene):
    """Compose a proposal (or the counter to an offer): recipients and terms; sent, the proposal
    is handed back to the table as `back(move=action)`."""

    name = "proposal"
    opaque = False

    def __init__(self, app, match: Match) -> None:
        super().__init__(app)
        self.match = match
        st = match.state
        self.g = st.game
        self.me = match.viewer
        self.counter_to = None
        others = [f for f in self.g.factions if f != self.me]
        self.recipients: list[str] = others[:1]
        self.terms: list[Term] = []
        offer = answered_offer(match)
        if offer is not None:
            self.counter_to, self.terms = offer[0], list(offer[1])
            self.recipients = [self.counter_to]
        rules = self.g.ruleset.turn.proposals
        self.rules = rules
        self.kind = "give" if rules.tradeable else "promise"
        self.who = self.me
        self.what_i = 0
        self.to = self.recipients[0] if self.recipients else ""
        self.amount = 1
        self.picked_term: int | None = None

    # ------------------------------------------------------------- choices
    def parties(self) -> list[str]:
        """The proposer and the recipients, in table order."""
        return [self.me] + [r for r in self.g.factions if r in self.recipients]

    def kinds(self) -> list[str]:
        """The kinds of term this ruleset allows (give, promise, join)."""
        return [k for k in KINDS if (k != "give" or self.rules.tradeable) and (k != "promise" or self.rules.promise_tags)
                and (k != "join" or self.g.coalitions)]

    def whats(self) -> list[str]:
        """What a term of the chosen kind may name: resources, promise tags or coalitions."""
        if self.kind == "give":
            return list(self.rules.tradeable)
        if self.kind == "promise":
            return list(self.rules.promise_tags)
        return [co.id for co in self.g.coalitions]

    def fix(self) -> None:
        """Bring the term being built back to choices that still exist."""
        parties = self.parties()
        if self.kind not in self.kinds() and self.kinds():
            self.kind = self.kinds()[0]
        if self.who not in parties:
            self.who = self.me
        if self.to not in parties or self.to == self.who:
            self.to = next((p for p in parties if p != self.who), "")
        if self.what_i >= len(self.whats()):
            self.what_i = 0
        if self.picked_term is not None and self.picked_term >= len(self.terms):
            self.picked_term = None

    def names(self):
        """The game's names in the window's language."""
        return self.match.names(self.app.lang)

    def what_name(self, kind: str, what: str) -> str:
        """The name of `what` for a term of `kind`."""
        n = self.names()
        if kind == "give":
            return n.resource(what)
        if kind == "join":
            return n.coalition(what)
        return self.t("fam_" + what) if ("fam_" + what) in STRINGS else what

    def term_line(self, t: Term) -> str:
        """A term as one line of the preview."""
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
        """Every control at a place fixed by the window size and the ruleset alone."""
        self.fix()
        m, text = self.m, self.app.text
        p = m.pad
        W, H = m.w, m.h
        self.box = pygame.Rect(0, 0, min(W - 4 * p, m.px(1500)), H - 2 * p)
        self.box.midtop = (W // 2, p)
        b = self.box
        n = self.names()
        lab_h = text.line_h(m.small)
        top = b.y + p + text.line_h(m.large) + p // 2
        item_h = m.line_item_h
        # left: the recipients
        lw = max(m.px(260), int(b.w * 0.26))
        others = [f for f in self.g.factions if f != self.me]
        self.labels = [(self.t("recipients"), (b.x + p, top))]
        rec_h = len(others) * item_h + m.px(16)  # with the border: no scroll bar
        if self.counter_to:  # the one recipient, said in words where the list would be
            y = top + lab_h
            self.labels.append((n.faction(self.counter_to), (b.x + p, y), m.base, colour("ink")))
            y += text.line_h(m.base)
            for line in text.wrap(self.t("counter_only", f=n.faction(self.counter_to)), m.small, lw):
                self.labels.append((line, (b.x + p, y)))
                y += lab_h
            left_bottom = y
        else:
            rows = [(f"{i}. {n.faction(f)}" if i <= 9 else n.faction(f), f) for i, f in enumerate(others, 1)]
            self.select_list((b.x + p, top + lab_h, lw, rec_h), rows, self.recipients, self.set_recipients, multi=True)
            left_bottom = top + lab_h + rec_h
        # right: the term being built, as drop-downs in two rows of three
        rx = b.x + 2 * p + lw
        rw = b.right - p - rx
        cw = (rw - 2 * p) // 3
        cells = [(rx + i * (cw + p), top) for i in range(3)] + [(rx + i * (cw + p), top + lab_h + m.button_h + p // 2)
                                                                for i in range(3)]
        whats = self.whats()
        fields = [
            ("field_kind", [(self.t("kind_" + k), k) for k in self.kinds()], self.kind, self.set_kind, True),
            ("field_who", [(n.faction(f), f) for f in self.parties()], self.who, self.set_who, True),
            ("field_what", [(self.what_name(self.kind, w), i) for i, w in enumerate(whats)], self.what_i,
             self.set_what, bool(whats)),
            ("field_to", [(n.faction(f), f) for f in self.parties() if f != self.who], self.to, self.set_to,
             self.kind in ("give", "promise")),
            ("field_amount", [(str(k), k) for k in range(1, self.rules.max_amount + 1)], self.amount,
             self.set_amount, self.kind == "give"),
        ]
        for (key, options, value, fn, on), (x, y) in zip(fields, cells):
            self.labels.append((self.t(key), (x, y)))
            self.dropdown((x, y + lab_h, cw, m.button_h), options, value, fn, enabled=on)
        ax, ay = cells[5]
        full = len(self.terms) >= self.rules.max_terms
        self.button((ax, ay + lab_h, cw, m.button_h), self.t("add_term"), self.add_term, cls="primary",
                    enabled=bool(whats) and not full, tooltip=self.t("max_terms", n=self.rules.max_terms) if full else None)
        # the terms so far: a list with room for the most a proposal may hold
        ty = ay + lab_h + m.button_h + p
        self.labels.append((self.t("terms_so_far", n=len(self.terms), max=self.rules.max_terms), (rx, ty)))
        list_h = self.rules.max_terms * item_h + m.px(16)
        rmw = self.button_w(self.t("remove"))
        self.select_list((rx, ty + lab_h, rw - rmw - p, list_h),
                         [(self.term_line(t), i) for i, t in enumerate(self.terms)],
                         [self.picked_term] if self.picked_term is not None else [], self.pick_term)
        self.button((b.right - p - rmw, ty + lab_h, rmw, m.button_h), self.t("remove"), self.remove_picked,
                    cls="quiet", enabled=self.picked_term is not None)
        right_bottom = ty + lab_h + list_h
        # the preview fills the rest, above send / cancel
        self.preview_y = max(left_bottom, right_bottom) + p
        # room for the preview's heading, the parties' names and eight lines each: fixed, like the rest
        need = self.preview_y - b.y + 2 * text.line_h(m.base) + 8 * text.line_h(m.small) + m.button_h + 2 * p
        b.h = min(b.h, need)
        bw = max(self.button_w(self.t("send")), self.button_w(self.t("cancel")), m.px(200))
        by = b.bottom - p - m.button_h
        self.button((b.right - p - bw, by, bw, m.button_h), self.t("send"), self.send, cls="primary")
        self.button((b.right - 2 * (p + bw), by, bw, m.button_h), self.t("cancel"), self.app.back, cls="quiet")
        self.bottom_y = by

    # ------------------------------------------------------------- editing
    def set_recipients(self, chosen: list) -> None:
        """Send to `chosen` (terms naming a dropped party go too)."""
        if self.counter_to:
            return
        self.recipients = [f for f in self.g.factions if f in chosen]
        parties = set(self.parties())
        self.terms = [t for t in self.terms if t.a in parties and (not t.b or t.b in parties)]
        self.build()

    def set_kind(self, k) -> None:
        """Build a term of kind `k`."""
        self.kind, self.what_i = k, 0
        self.build()

    def set_who(self, f) -> None:
        """The party who gives, promises or joins."""
        self.who = f
        self.build()

    def set_to(self, f) -> None:
        """The party a term gives or promises to."""
        self.to = f
        self.build()

    def set_what(self, i) -> None:
        """What the term names: the `i`th of `whats()`."""
        self.what_i = i
        self.build()

    def set_amount(self, a) -> None:
        """How much a give term gives."""
        self.amount = a
        self.build()

    def pick_term(self, chosen: list) -> None:
        """Select a term of the list (to remove it)."""
        self.picked_term = chosen[0] if chosen else None
        self.build()

    # the old click-to-cycle controls, kept for the keyboard and the tests
    def toggle(self, f: str) -> None:
        """Add or drop recipient `f`."""
        if self.counter_to:
            return
        chosen = [r for r in self.recipients if r != f] if f in self.recipients else [*self.recipients, f]
        self.set_recipients(chosen)

    def add_term(self) -> None:
        """Add the term being built (up to the ruleset's limit)."""
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
            self.message = self.t("max_terms", n=self.rules.max_terms)
            return
        self.terms.append(t)
        self.message = ""
        self.build()

    def remove(self, i: int) -> None:
        """Remove the `i`th term."""
        if 0 <= i < len(self.terms):
            self.terms.pop(i)
        self.picked_term = None
        self.build()

    def remove_picked(self) -> None:
        """Remove the selected term."""
        if self.picked_term is not None:
            self.remove(self.picked_term)

    def send(self) -> None:
        """Send the proposal (handed back to the table), or say why it cannot go."""
        if not self.recipients:
            self.message = self.t("no_recipient")
            return
        if not self.terms:
            self.message = self.t("no_terms")
            return
        recips = tuple(f for f in self.g.factions if f in self.recipients)
        action = propose(self.me, recips, tuple(self.terms))
        why = why_not(self.match.state, action)
        if why:
            self.message = self.t("illegal", why=why.text(self.app.lang))
            return
        self.app.back(move=action)

    def on_key(self, event) -> None:
        """Number keys 1-9 add or drop a recipient (the list's rows are numbered)."""
        others = [f for f in self.g.factions if f != self.me]
        k = event.key - pygame.K_1
        if not self.counter_to and pygame.K_1 <= event.key <= pygame.K_9 and k < len(others):
            self.toggle(others[k])
            return
        super().on_key(event)

    def on_escape(self) -> None:
        """Close without sending."""
        self.app.back()

    # ------------------------------------------------------------- drawing
    def draw(self, surf) -> None:
        """The box, the labels and the preview of what each side gives and commits to."""
        m, text = self.m, self.app.text
        p = m.pad
        b = self.box
        pygame.draw.rect(surf, colour("panel"), b, border_radius=m.px(12))
        pygame.draw.rect(surf, colour("accent"), b, max(2, m.px(2)), border_radius=m.px(12))
        n = self.names()
        title = self.t("counter_title" if self.counter_to else "composer_title", f=n.faction(self.me))
        text.draw(surf, title, m.large, colour("ink"), (b.x + p, b.y + p // 2), bold=True, width=b.w - 2 * p)
        for label, pos, *style in self.labels:
            size, col = style if style else (m.small, colour("ink_dim"))
            text.draw(surf, label, size, col, pos, width=b.right - p - pos[0])
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
            lines = []
            for t in (t for t in self.terms if t.a == f):
                lines += text.wrap("• " + self.term_line(t).split(self.t("label_sep"), 1)[1], m.small, cw - p)
            for t in (t for t in self.terms if t.kind == "give" and t.b == f):
                lines += text.wrap(f"+ {t.amount} {n.resource(t.what)} ← {n.faction(t.a)}", m.small, cw - p)
            if not lines:
                lines = [self.t("nothing")]
            room = max(0, (self.bottom_y - p // 2 - yy) // lh)
            text.blit_lines(surf, lines, m.small, colour("ink_dim"), x, yy, max_lines=room, width=cw - p)
