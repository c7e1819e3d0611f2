"""A card in the hand: family colour and icon, name, cost, and its whole text — the text shrinks
to fit the card, never cut; dimmed when it cannot be played (the reason shows when the card is
hovered or focused, and when its key is pressed); drawn larger when hovered or focused."""
from __future__ import annotations

from dataclasses import dataclass

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


@dataclass
class CardFit:
    """How a card's text is set in a rectangle: sizes, lines, and whether all of it fits."""

    head_h: int
    name_size: int
    name_lines: list[str]
    body_size: int
    body_lines: list[str]
    reason_lines: list[str]
    fits: bool
    height: int        # the height the text needs at these sizes


def floor_size(m) -> int:
    """The smallest text a card shrinks to (its name and rules stay legible on a projector)."""
    return max(12, round(m.small * 0.8))


def card_fit(spec, rect: pygame.Rect, app, *, big: bool = False, number: int | None = None,
             problem: str | None = None, size: int | None = None) -> CardFit:
    """The largest text size, from the card's own down to `floor_size`, at which the name, the
    whole rule text (and, on a big card, the reason it cannot be played) fit in `rect`."""
    m, text = app.m, app.text
    lang = app.lang
    head_h = text.line_h(m.base) + m.pad
    w = rect.w - m.pad
    name = text_of(spec.name, lang)
    if number is not None and not big:
        name = f"{number}. {name}"
    body = text_of(spec.text, lang)
    top = size or (round(m.base * 1.3) if big else m.base)  # an enlarged card reads larger
    fit = None
    for size in range(top, min(top, floor_size(m)) - 1, -1):
        name_size = size if not big else max(size, m.small)
        nl = text.wrap(name, name_size, w, bold=True)
        bl = text.wrap(body, size, w)
        rl = text.wrap(problem, size, w) if (problem and big) else []
        lh = text.line_h(size)
        need = (head_h + m.pad // 3 + len(nl) * text.line_h(name_size) + m.pad // 4 + len(bl) * lh
                + (len(rl) * lh + m.pad // 2 if rl else 0) + m.pad // 3)
        fit = CardFit(head_h, name_size, nl, size, bl, rl, need <= rect.h, need)
        if fit.fits:
            return fit
    return fit


def draw_card(surf, rect: pygame.Rect, spec, app, *, problem: str | None, big: bool = False,
              number: int | None = None, size: int | None = None) -> CardFit:
    m, text = app.m, app.text
    fam = art.family_of(spec.tags)
    fcol = family_colour(fam)
    r = m.px(10)
    fit = card_fit(spec, rect, app, big=big, number=number, problem=problem, size=size)
    head_h = fit.head_h
    pygame.draw.rect(surf, (28, 33, 45), rect, border_radius=r)
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
    if problem and not big:
        fam_label = app.t("cannot_play")
    text.draw(surf, fam_label, m.small, (255, 255, 255), (rect.x + isz + m.pad // 2, rect.y + (head_h - text.line_h(m.small)) // 2),
              width=rect.w - 2 * isz - m.pad)
    x = rect.x + m.pad // 2
    w = rect.w - m.pad
    y = rect.y + head_h + m.pad // 3
    y = text.blit_lines(surf, fit.name_lines, fit.name_size, colour("ink"), x, y, bold=True, width=w)
    y += m.pad // 4
    y = text.blit_lines(surf, fit.body_lines, fit.body_size, colour("ink_dim"), x, y, width=w)
    if problem and not big:
        shade = pygame.Surface(rect.size, pygame.SRCALPHA)
        shade.fill((10, 12, 18, 120))
        surf.blit(shade, rect.topleft)
    if fit.reason_lines:
        y += m.pad // 2
        text.blit_lines(surf, fit.reason_lines, fit.body_size, (255, 150, 150), x, y)
    return fit
