"""The project's own art, drawn with pygame primitives: faction emblems and card family icons.

`assets/art/make_art.py` writes these drawings to PNG files for documentation; the window draws
them directly (cached), so they scale cleanly to any size.
"""
from __future__ import annotations

import math

import pygame

from game.ui.theme import family_colour, hex_colour

FAMILIES = ("tariff", "threat", "coalition", "dialogue", "deterrence", "aid", "deal")
_cache: dict[tuple, pygame.Surface] = {}


def family_of(tags) -> str:
    for t in tags:
        if t in FAMILIES:
            return t
    return "other"


def _aa_circle(s, col, c, r, width=0):
    pygame.draw.circle(s, col, c, r, width)


def icon(family: str, size: int) -> pygame.Surface:
    """A square icon for a card family, white on the family's colour."""
    key = ("icon", family, size)
    got = _cache.get(key)
    if got is not None:
        return got
    k = 4
    S = size * k
    s = pygame.Surface((S, S), pygame.SRCALPHA)
    col = family_colour(family)
    pygame.draw.circle(s, col, (S // 2, S // 2), S // 2)
    w = (255, 255, 255)
    c = S // 2
    lw = max(2, S // 14)
    if family == "tariff":          # a toll barrier
        pygame.draw.rect(s, w, (S * 0.2, S * 0.42, S * 0.6, S * 0.16))
        for i in range(3):
            pygame.draw.rect(s, col, (S * (0.27 + i * 0.18), S * 0.42, S * 0.08, S * 0.16))
        pygame.draw.rect(s, w, (S * 0.22, S * 0.42, S * 0.07, S * 0.36))
    elif family == "threat":        # a warning triangle
        pts = [(c, S * 0.2), (S * 0.8, S * 0.76), (S * 0.2, S * 0.76)]
        pygame.draw.polygon(s, w, pts)
        pygame.draw.rect(s, col, (c - lw // 2, S * 0.38, lw, S * 0.22))
        pygame.draw.circle(s, col, (c, int(S * 0.67)), lw // 1.5)
    elif family == "coalition":     # three linked rings
        for a in range(3):
            ang = math.pi / 2 + a * 2 * math.pi / 3
            p = (c + math.cos(ang) * S * 0.15, c - math.sin(ang) * S * 0.15)
            pygame.draw.circle(s, w, p, S * 0.16, lw)
    elif family == "dialogue":      # a speech bubble
        pygame.draw.ellipse(s, w, (S * 0.18, S * 0.25, S * 0.64, S * 0.4))
        pygame.draw.polygon(s, w, [(S * 0.35, S * 0.6), (S * 0.3, S * 0.78), (S * 0.5, S * 0.62)])
    elif family == "deterrence":    # a shield
        pts = [(S * 0.25, S * 0.25), (S * 0.75, S * 0.25), (S * 0.75, S * 0.5), (c, S * 0.8), (S * 0.25, S * 0.5)]
        pygame.draw.polygon(s, w, pts)
        pygame.draw.line(s, col, (c, S * 0.3), (c, S * 0.72), lw)
    elif family == "aid":           # a plus
        pygame.draw.rect(s, w, (c - S * 0.08, S * 0.22, S * 0.16, S * 0.56))
        pygame.draw.rect(s, w, (S * 0.22, c - S * 0.08, S * 0.56, S * 0.16))
    elif family == "deal":          # two joined hands: interlocking squares
        pygame.draw.rect(s, w, (S * 0.2, S * 0.3, S * 0.36, S * 0.36), lw)
        pygame.draw.rect(s, w, (S * 0.44, S * 0.36, S * 0.36, S * 0.36), lw)
    else:                           # a diamond
        pygame.draw.polygon(s, w, [(c, S * 0.2), (S * 0.8, c), (c, S * 0.8), (S * 0.2, c)])
    out = pygame.transform.smoothscale(s, (size, size))
    _cache[key] = out
    return out


def emblem(faction_id: str, colour_hex: str, label: str, size: int, text) -> pygame.Surface:
    """A round emblem in the faction's colour with its initials (the first character in Japanese)."""
    key = ("emblem", faction_id, colour_hex, label, size)
    got = _cache.get(key)
    if got is not None:
        return got
    k = 4
    S = size * k
    s = pygame.Surface((S, S), pygame.SRCALPHA)
    col = hex_colour(colour_hex)
    dark = tuple(max(0, int(v * 0.55)) for v in col)
    pygame.draw.circle(s, dark, (S // 2, S // 2), S // 2)
    pygame.draw.circle(s, col, (S // 2, S // 2), int(S * 0.44))
    # a star of rays, rotated per faction so that emblems differ in shape, not only in colour
    seed = sum(ord(ch) for ch in faction_id)
    rays = 3 + seed % 5
    for i in range(rays):
        ang = (seed % 90) / 57.3 + i * 2 * math.pi / rays
        p = (S / 2 + math.cos(ang) * S * 0.44, S / 2 + math.sin(ang) * S * 0.44)
        pygame.draw.line(s, dark, (S / 2, S / 2), p, max(2, S // 30))
    pygame.draw.circle(s, col, (S // 2, S // 2), int(S * 0.3))
    out = pygame.transform.smoothscale(s, (size, size))
    lum = 0.3 * col[0] + 0.59 * col[1] + 0.11 * col[2]
    ink = (20, 20, 24) if lum > 150 else (255, 255, 255)
    fs = max(8, int(size * 0.42))
    # a kanji in synthetic bold smears its strokes together: only Latin initials are bold
    t = text.render(label, fs, ink, bold=ord(label[:1] or "A") < 0x2E80)
    out.blit(t, t.get_rect(center=(size // 2, size // 2)))
    _cache[key] = out
    return out


def initials(name: str) -> str:
    if not name:
        return "?"
    if ord(name[0]) > 0x2E80:
        return name[0]
    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha()]
    if len(words) >= 2:
        return (words[0][0] + words[1][0]).upper()
    return name[:2].upper() if len(name) > 3 else name.upper()
