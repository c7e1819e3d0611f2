"""Cached text rendering with the shipped font. Wraps English at spaces, Japanese anywhere
but before closing punctuation (kinsoku), and never hyphenates."""
from __future__ import annotations

import pygame

from game.ui.theme import font_path

_NO_LINE_START = set("·、。，．・：；？！ー」』）〕］｝〉》】…‥ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ,.:;!?)]}%")
_NO_LINE_END = set("「『（〔［｛〈《【([{")


class Text:
    """Fonts by size and rendered surfaces by (text, size, colour, width): rendering is cached."""

    def __init__(self) -> None:
        self._fonts: dict[tuple[int, bool], pygame.font.Font] = {}
        self._cache: dict[tuple, pygame.Surface] = {}
        self._wrap_cache: dict[tuple, list[str]] = {}
        self._fit_cache: dict[tuple, str] = {}

    def font(self, size: int, bold: bool = False) -> pygame.font.Font:
        key = (size, bold)
        f = self._fonts.get(key)
        if f is None:
            f = pygame.font.Font(str(font_path()), size)
            if bold:
                f.set_bold(True)
            self._fonts[key] = f
        return f

    def width(self, text: str, size: int, bold: bool = False) -> int:
        return self.font(size, bold).size(text)[0]

    def line_h(self, size: int) -> int:
        return self.font(size).get_linesize()

    def render(self, text: str, size: int, colour, bold: bool = False) -> pygame.Surface:
        key = (text, size, tuple(colour), bold)
        s = self._cache.get(key)
        if s is None:
            if len(self._cache) > 4000:
                self._cache.clear()
            s = self.font(size, bold).render(text, True, colour)
            self._cache[key] = s
        return s

    def fit(self, text: str, size: int, width: int, bold: bool = False) -> str:
        """`text` cut with an ellipsis so that it fits in `width` px."""
        key = (text, size, width, bold)
        got = self._fit_cache.get(key)
        if got is None:
            if len(self._fit_cache) > 8000:
                self._fit_cache.clear()
            got = self._fit_cache[key] = self._fit(text, size, width, bold)
        return got

    def _fit(self, text: str, size: int, width: int, bold: bool) -> str:
        f = self.font(size, bold)
        if f.size(text)[0] <= width:
            return text
        lo, hi = 0, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if f.size(text[:mid] + "…")[0] <= width:
                lo = mid
            else:
                hi = mid - 1
        return text[:lo].rstrip() + "…"

    def wrap(self, text: str, size: int, width: int, bold: bool = False) -> list[str]:
        key = (text, size, width, bold)
        got = self._wrap_cache.get(key)
        if got is not None:
            return got
        f = self.font(size, bold)
        lines: list[str] = []
        for para in text.split("\n"):
            lines.extend(_wrap_para(para, f, max(10, width)))
        if len(self._wrap_cache) > 4000:
            self._wrap_cache.clear()
        self._wrap_cache[key] = lines
        return lines

    def blit_lines(self, surf: pygame.Surface, lines: list[str], size: int, colour, x: int, y: int,
                   max_lines: int | None = None, bold: bool = False, width: int | None = None,
                   step: int | None = None) -> int:
        """Draw lines from (x, y), `step` px apart (the font's line height by default); returns the
        y below the last one. Extra lines end in an ellipsis."""
        lh = step or self.line_h(size)
        if max_lines is not None and len(lines) > max_lines:
            lines = lines[:max_lines]
            if lines:
                last = lines[-1] + "…"
                lines[-1] = self.fit(last, size, width, bold) if width else last
        for line in lines:
            surf.blit(self.render(line, size, colour, bold), (x, y))
            y += lh
        return y

    def draw(self, surf: pygame.Surface, text: str, size: int, colour, pos, bold: bool = False,
             anchor: str = "topleft", width: int | None = None) -> pygame.Rect:
        if width is not None:
            text = self.fit(text, size, width, bold)
        s = self.render(text, size, colour, bold)
        r = s.get_rect(**{anchor: pos})
        surf.blit(s, r)
        return r


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF or 0x3000 <= o <= 0x303F


def _tokens(para: str) -> list[str]:
    """Words for Latin text, single characters for CJK (with kinsoku glued on)."""
    toks: list[str] = []
    buf = ""
    for ch in para:
        if _is_cjk(ch) or ch in _NO_LINE_START and toks and not buf:
            if buf:
                toks.append(buf)
                buf = ""
            if ch in _NO_LINE_START and toks:
                toks[-1] += ch
            elif toks and toks[-1] and toks[-1][-1] in _NO_LINE_END:
                toks[-1] += ch
            else:
                toks.append(ch)
        elif ch == " ":
            buf += ch
            toks.append(buf)
            buf = ""
        else:
            if toks and toks[-1] and toks[-1][-1] in _NO_LINE_END and not buf:
                toks[-1] += ch
            else:
                buf += ch
    if buf:
        toks.append(buf)
    return toks


def _wrap_para(para: str, f: pygame.font.Font, width: int) -> list[str]:
    if not para:
        return [""]
    lines: list[str] = []
    cur = ""
    for tok in _tokens(para):
        cand = cur + tok
        if f.size(cand.rstrip())[0] <= width or not cur:
            cur = cand
            # a single token longer than the line: split it by characters
            while f.size(cur.rstrip())[0] > width and len(cur) > 1:
                cut = len(cur) - 1
                while cut > 1 and f.size(cur[:cut])[0] > width:
                    cut -= 1
                lines.append(cur[:cut])
                cur = cur[cut:]
        else:
            lines.append(cur.rstrip())
            cur = tok.lstrip() if not _is_cjk(tok[0]) else tok
    if cur.strip() or not lines:
        lines.append(cur.rstrip())
    return lines
