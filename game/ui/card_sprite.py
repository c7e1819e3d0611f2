"""A card in the hand: family colour and icon, name, cost, text; dimmed with the reason when it
cannot be played; drawn larger when hovered or focused."""
from __future__ import annotations

import pygame

from game.rules.schema import text_of
from game.ui import art
from game.ui.theme import colour, family_colour


class CardSlot:
    """A focusable card position (not a pygame_gui element)."""

    focusable = True
    enabled = True

    def __init__(self, scene, index: int, card_id: str, rect: pygame.Rect) -> None:
        self.scene = scene
        self.index = index
        self.card_id = card_id
        self.rect = pygame.Rect(rect)

    def activate(self) -> None:
        self.scene.click_card(self.index)

    def kill(self) -> None:
        pass


def draw_card(surf, rect: pygame.Rect, spec, app, *, problem: str | None, big: bool = False,
              number: int | None = None) -> None:
    m, text = app.m, app.text
    lang = app.lang
    fam = art.family_of(spec.tags)
    fcol = family_colour(fam)
    r = m.px(10)
    pygame.draw.rect(surf, (28, 33, 45), rect, border_radius=r)
    head_h = text.line_h(m.base) + m.pad
    pygame.draw.rect(surf, fcol, (rect.x, rect.y, rect.w, head_h), border_top_left_radius=r, border_top_right_radius=r)
    pygame.draw.rect(surf, fcol, rect, max(2, m.px(2)), border_radius=r)
    isz = head_h - m.pad // 2
    surf.blit(art.icon(fam, isz), (rect.x + m.pad // 3, rect.y + m.pad // 4))
    # cost badge
    cost = str(spec.cost)
    bs = isz
    badge = pygame.Rect(rect.right - bs - m.pad // 3, rect.y + m.pad // 4, bs, bs)
    pygame.draw.circle(surf, (250, 245, 230), badge.center, bs // 2)
    text.draw(surf, cost, m.small, (20, 20, 30), badge.center, bold=True, anchor="center")
    fam_label = app.t("fam_" + fam) if fam != "other" else (spec.tags[0] if spec.tags else "")
    text.draw(surf, fam_label, m.small, (255, 255, 255), (rect.x + isz + m.pad // 2, rect.y + (head_h - text.line_h(m.small)) // 2),
              width=rect.w - 2 * isz - m.pad)
    x = rect.x + m.pad // 2
    w = rect.w - m.pad
    y = rect.y + head_h + m.pad // 3
    name = text_of(spec.name, lang)
    if number is not None and not big:
        name = f"{number}. {name}"
    name_size = m.base if big else m.small
    name_lines = text.wrap(name, name_size, w, bold=True)
    y = text.blit_lines(surf, name_lines, name_size, colour("ink"), x, y, max_lines=3 if big else 2, bold=True, width=w)
    y += m.pad // 4
    bottom = rect.bottom - m.pad // 3
    reason_lines: list[str] = []
    size = m.small
    if problem:
        reason_lines = text.wrap(problem, size, w)[:3 if big else 2]
        bottom -= len(reason_lines) * text.line_h(size) + m.pad // 4
    body = text_of(spec.text, lang)
    lh = text.line_h(size)
    room = max(0, (bottom - y) // lh)
    if room:
        text.blit_lines(surf, text.wrap(body, size, w), size, colour("ink_dim"), x, y, max_lines=room, width=w)
    if problem:
        shade = pygame.Surface(rect.size, pygame.SRCALPHA)
        shade.fill((10, 12, 18, 150))
        surf.blit(shade, rect.topleft)
        yy = rect.bottom - m.pad // 3 - len(reason_lines) * lh
        text.blit_lines(surf, reason_lines, size, (255, 150, 150), x, yy)
