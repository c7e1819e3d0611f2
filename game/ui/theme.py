"""Colours, sizes and the pygame_gui theme, scaled to the window and the text-size setting."""
from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path

from game import resources

FONT_FILE = ("fonts", "NotoSansJP-Regular-Subset.otf")
THEME_FILE = ("theme.json",)
FONT_PATH = resources.asset_path(*FONT_FILE)   # where the font is installed; font_path() also checks it is there


def font_path() -> Path:
    """The shipped font (Latin and Japanese); ResourceMissing when it is not installed."""
    return resources.asset(*FONT_FILE)


@lru_cache(maxsize=1)
def _raw() -> dict:
    try:
        return json.loads(resources.asset_text(*THEME_FILE))
    except ValueError:
        raise resources.ResourceMissing("file assets/theme.json (not valid JSON)",
                                        resources.asset_path(*THEME_FILE)) from None


def _rgb(hexstr: str) -> tuple[int, int, int]:
    h = hexstr.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


@lru_cache(maxsize=1)
def colours() -> dict[str, tuple[int, int, int]]:
    return {k: _rgb(v) for k, v in _raw()["colours_game"].items()}


def colour(name: str) -> tuple[int, int, int]:
    return colours().get(name, (255, 0, 255))


def family_colour(family: str) -> tuple[int, int, int]:
    return colours().get(f"family_{family}", colours()["family_other"])


def hex_colour(value: str) -> tuple[int, int, int]:
    try:
        return _rgb(value)
    except (ValueError, IndexError):
        return (128, 128, 128)


class Metrics:
    """Sizes for one window size and text scale: `base` is the body text in px."""

    def __init__(self, size: tuple[int, int], text_scale: float = 1.0) -> None:
        w, h = size
        self.w, self.h = w, h
        k = min(w / 1920, h / 1080)
        # 22 px at 1080p, never under 16 px at the default text size; the setting scales everything
        self.base = max(13, round(max(16.0, 22 * k) * text_scale))
        self.small = max(min(16, self.base), round(self.base * 0.86))
        self.large = round(self.base * 1.35)
        self.huge = round(self.base * 2.4)
        self.pad = max(6, round(self.base * 0.5))
        self.button_h = round(self.base * 1.9)
        self.line_item_h = round(self.base * 1.6)   # a row of a selection list

    def px(self, n: float) -> int:
        return max(1, round(n * self.base / 22))


def gui_theme(metrics: Metrics) -> dict:
    """The pygame_gui theme dict with the shipped font and sizes for these metrics."""
    theme = copy.deepcopy({k: v for k, v in _raw().items() if not k.startswith(("_", "colours_game"))})
    font = theme["defaults"]["font"]
    p = str(font_path())
    font.update(size=str(metrics.base), regular_path=p, bold_path=p, italic_path=p, bold_italic_path=p)
    theme["defaults"]["misc"]["shape_corner_radius"] = str(metrics.px(8))
    # pygame_gui reads a font per element type, not from "defaults": give each one the font
    for element in ("button", "text_entry_line", "label", "text_box", "tool_tip", "tool_tip.text_box",
                    "drop_down_menu", "selection_list", "drop_down_menu.selection_list"):
        block = theme.setdefault(element, {})
        block["font"] = dict(font, size=str(metrics.small if "tool_tip" in element else metrics.base))
    # a row of a list (the saves on the Load screen): its text starts at the left like a line of a table
    theme.setdefault("@row", {}).setdefault("misc", {}).update(
        text_horiz_alignment="left", text_horiz_alignment_padding=str(metrics.px(14)))
    # list rows as tall as a line of the body text (the library's default is 20 px)
    for element in ("selection_list", "drop_down_menu.selection_list"):
        theme[element].setdefault("misc", {})["list_item_height"] = str(metrics.line_item_h)
    return theme
