"""Asked before a move that would, or could by chance, start a war: it names the threshold and
what war costs, and the move is made only by choosing it on purpose (a click, or Tab then Enter);
Esc, Enter and Space at first sight go back."""
from __future__ import annotations

import pygame

from game.engine import pending, war_penalty, war_thresholds
from game.ui.match import Match
from game.ui.scene import Scene
from game.ui.theme import colour


class WarConfirmScene(Scene):
    """Asks before `action`, which would (risk "certain") or could (risk "possible") start a war;
    made on purpose, the move is handed back: `back(move=action, confirmed=True)`."""

    name = "war_confirm"
    opaque = False

    def __init__(self, app, match: Match, action, risk: str) -> None:
        super().__init__(app)
        self.match = match
        self.action = action
        self.risk = risk

    def lines(self) -> tuple[str, str]:
        """The question (the move and the threshold it crosses) and what war costs."""
        st = self.match.state
        g = st.game
        names = self.match.names(self.app.lang)
        t, at, _ = war_thresholds(st)[0]
        everyone, trigger = war_penalty(st)
        head = self.t("war_" + self.risk, track=names.track(g.tracks[t]), at=at)
        a = self.action
        move = names.card(a.card) if a.kind == "play" else ""
        p = pending(st, self.app.lang)
        if a.kind == "answer" and p.kind in ("response", "choice"):
            move = next((o.label for o in p.options if o.id == a.option), "")
        if move:
            head = self.t("war_move", move=move) + " " + head
        body = self.t("war_consequence", everyone=f"{everyone:+d}", trigger=f"{trigger:+d}",
                      f=names.faction(self.action.faction))
        return head, body

    def layout(self) -> None:
        m, text = self.m, self.app.text
        p = m.pad
        w = min(m.w - 4 * p, m.px(1000))
        head, body = self.lines()
        self.head_lines = text.wrap(head, m.large, w - 2 * p, bold=True)
        self.body_lines = text.wrap(body, m.base, w - 2 * p)
        h = (len(self.head_lines) * text.line_h(m.large) + len(self.body_lines) * text.line_h(m.base)
             + m.button_h + 4 * p)
        self.box = pygame.Rect(0, 0, w, h)
        self.box.center = (m.w // 2, m.h // 2)
        back, go = self.t("war_back"), self.t("war_go")
        bw = max(self.button_w(back), self.button_w(go))
        y = self.box.bottom - p - m.button_h
        self.button((self.box.right - p - bw, y, bw, m.button_h), back, self.back, cls="primary")
        self.button((self.box.right - 2 * (p + bw), y, bw, m.button_h), go, self.go)
        self.focus = 0  # Enter at first sight goes back

    def back(self) -> None:
        """Do not make the move."""
        self.app.back(declined=self.action)

    def go(self) -> None:
        """Make the move, knowing what it risks."""
        self.app.back(move=self.action, confirmed=True)

    def on_escape(self) -> None:
        """Do not make the move."""
        self.back()

    def draw(self, surf) -> None:
        """The question's box over the table."""
        m, text = self.m, self.app.text
        p = m.pad
        b = self.box
        pygame.draw.rect(surf, (60, 24, 28), b, border_radius=m.px(12))
        pygame.draw.rect(surf, colour("danger"), b, max(2, m.px(3)), border_radius=m.px(12))
        y = text.blit_lines(surf, self.head_lines, m.large, colour("ink"), b.x + p, b.y + p, bold=True)
        text.blit_lines(surf, self.body_lines, m.base, colour("ink"), b.x + p, y + p // 2)
