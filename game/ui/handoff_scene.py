"""A full-screen cover between human seats, so that no hand is shown to the wrong team."""
from __future__ import annotations

import pygame

from game.rules.schema import text_of
from game.ui import art
from game.ui.match import Match
from game.ui.scene import Scene
from game.ui.theme import colour, hex_colour


class HandoffScene(Scene):
    """The cover shown before `faction`'s team takes the screen; ready, it is their seat."""

    name = "handoff"
    opaque = True

    def __init__(self, app, match: Match, faction: str) -> None:
        super().__init__(app)
        self.match = match
        self.faction = faction

    def layout(self) -> None:
        m = self.m
        label = self.t("when_ready")
        w = min(m.w - 4 * m.pad, self.button_w(label, m.px(560)))
        h = int(m.button_h * 1.5)
        self.button(((m.w - w) // 2, int(m.h * 0.68), w, h), label, self.ready, cls="primary")

    def ready(self) -> None:
        """The team has the screen: the seat becomes theirs and the table shows it."""
        self.match.take_seat(self.faction)
        self.app.back()

    def handle(self, event) -> None:
        """A click, Space or Enter: ready; Esc: the pause menu."""
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self.ready()
            return
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER):
            self.ready()
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.go("pause", match=self.match)
            return
        super().handle(event)

    def draw(self, surf) -> None:
        """The cover in the faction's colour, its emblem and who takes the screen."""
        m, text = self.m, self.app.text
        g = self.match.state.game
        fac = g.ruleset.factions[g.fidx[self.faction]]
        col = hex_colour(fac.color)
        surf.fill(tuple(int(c * 0.25) for c in col))
        name = text_of(fac.name, self.app.lang)
        size = int(m.h * 0.22)
        surf.blit(art.emblem(fac.id, fac.color, art.initials(name), size, text), ((m.w - size) // 2, int(m.h * 0.1)))
        team = self.match.teams.get(self.faction)
        title = self.t("pass_to_team", f=name, team=team) if team else self.t("pass_to", f=name)
        y = int(m.h * 0.1) + size + m.pad * 2
        for line in text.wrap(title, m.huge, m.w - 4 * m.pad, bold=True)[:2]:
            text.draw(surf, line, m.huge, colour("ink"), (m.w // 2, y), bold=True, anchor="midtop")
            y += text.line_h(m.huge)
        text.draw(surf, self.t("handoff_hint"), m.base, colour("ink_dim"), (m.w // 2, y + m.pad), anchor="midtop",
                  width=m.w - 4 * m.pad)
