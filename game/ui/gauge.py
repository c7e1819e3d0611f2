"""The Tension gauge (with the war threshold and the miscalculation chance) and other tracks."""
from __future__ import annotations

import pygame

from game.ui.theme import colour


def _ramp(t: float) -> tuple[int, int, int]:
    """Green at 0, amber at 0.5, red at 1."""
    g, a, r = (76, 195, 138), (255, 190, 70), (230, 57, 70)
    if t < 0.5:
        k = t / 0.5
        return tuple(int(g[i] + (a[i] - g[i]) * k) for i in range(3))
    k = (t - 0.5) / 0.5
    return tuple(int(a[i] + (r[i] - a[i]) * k) for i in range(3))


def draw_track(surf, rect: pygame.Rect, text, m, *, label: str, value: int, lo: int, hi: int,
               danger_at: int | None = None, danger_label: str = "", note: str = "", ramp: bool = True,
               fill=None) -> None:
    """A segmented horizontal track: title and big value on top, one cell per step, notes below."""
    pygame.draw.rect(surf, colour("panel"), rect, border_radius=m.px(10))
    x, y = rect.x + m.pad, rect.y + m.pad // 2
    w = rect.w - 2 * m.pad
    big = m.large
    text.draw(surf, label, m.base, colour("ink"), (x, y + (text.line_h(big) - text.line_h(m.base))), bold=True,
              width=w - text.width(f"{value}/{hi}", big, True) - m.pad)
    vr = text.draw(surf, f"{value}", big, _ramp((value - lo) / max(1, hi - lo)) if ramp else (fill or colour("rules")),
                   (x + w - text.width(f"/{hi}", m.base), y), bold=True, anchor="topright")
    text.draw(surf, f"/{hi}", m.base, colour("ink_dim"), (vr.right, vr.bottom - text.line_h(m.base)))
    y += text.line_h(big)
    n = hi - lo
    cells_h = max(m.px(16), rect.bottom - y - m.pad // 2 - (text.line_h(m.small) if note or danger_label else 0) - m.pad // 2)
    gap = max(2, m.px(3))
    cw = (w - gap * (n - 1)) / max(1, n)
    for i in range(n):
        step = lo + i + 1
        cx = int(x + i * (cw + gap))
        cell = pygame.Rect(cx, y, max(2, int(cw)), cells_h)
        on = step <= value
        col = (_ramp(i / max(1, n - 1)) if ramp else (fill or colour("rules"))) if on else colour("panel_hi")
        pygame.draw.rect(surf, col, cell, border_radius=m.px(4))
        if danger_at is not None and step == danger_at:
            pygame.draw.rect(surf, colour("danger"), cell.inflate(gap, gap), max(2, m.px(3)), border_radius=m.px(5))
    y += cells_h + m.pad // 4
    if danger_label:
        text.draw(surf, danger_label, m.small, colour("danger"), (x + w, y), anchor="topright", width=w // 2)
    if note:
        text.draw(surf, note, m.small, colour("ink_dim"), (x, y), width=w // 2 + m.pad)
