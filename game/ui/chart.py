"""A line chart of tracks over the rounds, drawn directly (no matplotlib in the window)."""
from __future__ import annotations

import pygame

from game.ui.theme import colour


def draw_chart(surf, rect: pygame.Rect, text, m, *, series: list[tuple[str, tuple, list[int]]], lo: int, hi: int,
               danger_at: int | None = None, danger_label: str = "", x_label=lambda i: str(i)) -> None:
    pygame.draw.rect(surf, colour("panel"), rect, border_radius=m.px(10))
    lh = text.line_h(m.small)
    plot = pygame.Rect(rect.x + m.pad * 2 + text.width(str(hi), m.small), rect.y + m.pad + lh,
                       0, 0)
    plot.w = rect.right - m.pad * 2 - text.width("R88", m.small) // 2 - plot.x
    plot.h = rect.bottom - m.pad - lh - plot.y
    # legend
    x = plot.x
    for name, col, _ in series:
        pygame.draw.rect(surf, col, (x, rect.y + m.pad // 2 + lh // 3, m.px(18), m.px(6)))
        r = text.draw(surf, name, m.small, colour("ink"), (x + m.px(24), rect.y + m.pad // 2))
        x = r.right + m.pad * 2
    if plot.w < 10 or plot.h < 10:
        return
    span = max(1, hi - lo)
    for v in range(lo, hi + 1, max(1, span // 5)):
        y = plot.bottom - (v - lo) * plot.h / span
        pygame.draw.line(surf, colour("panel_hi"), (plot.x, y), (plot.right, y), 1)
        text.draw(surf, str(v), m.small, colour("ink_faint"), (plot.x - m.pad // 2, y), anchor="midright")
    if danger_at is not None:
        y = plot.bottom - (danger_at - lo) * plot.h / span
        pygame.draw.line(surf, colour("danger"), (plot.x, y), (plot.right, y), max(1, m.px(2)))
        if danger_label:
            # under the line's left end: tracks start low, so the first rounds rarely reach it
            text.draw(surf, danger_label, m.small, colour("danger"), (plot.x + m.pad * 2, y + m.px(3)))
    n = max(len(s[2]) for s in series) if series else 0
    if n == 0:
        return
    # the first round's points sit clear of the value labels on the left
    x0 = plot.x + m.pad
    step = (plot.w - m.pad) / max(1, n - 1)
    every = max(1, int(text.width("R88", m.small) * 1.5 / max(1, step)) + 1)
    for i in range(n):
        if i % every == 0 or i == n - 1:
            text.draw(surf, x_label(i), m.small, colour("ink_faint"), (x0 + i * step, plot.bottom + 2), anchor="midtop")
    for _, col, vals in series:
        pts = [(x0 + i * step, plot.bottom - (v - lo) * plot.h / span) for i, v in enumerate(vals)]
        if len(pts) > 1:
            pygame.draw.lines(surf, col, False, pts, max(2, m.px(4)))
        for p in pts:
            pygame.draw.circle(surf, col, p, max(3, m.px(6)))
