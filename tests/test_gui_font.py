"""The shipped font has every glyph the rulesets and the window's own strings use."""
from __future__ import annotations

from pathlib import Path

from fontTools.ttLib import TTFont

from game.ui.i18n import STRINGS
from game.ui.theme import font_path

FONT_PATH = font_path()

ROOT = Path(__file__).resolve().parent.parent


def _cmap() -> set[int]:
    return set(TTFont(str(FONT_PATH)).getBestCmap())


def _missing(text: str, have: set[int]) -> set[str]:
    return {c for c in text if ord(c) >= 0x20 and ord(c) not in have and c not in "\u200b\ufeff"}


def test_font_and_licence_are_shipped():
    assert FONT_PATH.exists()
    licence = (FONT_PATH.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert FONT_PATH.stat().st_size < 2_000_000          # a subset, not the 4.5 MB original


def test_every_ruleset_glyph_is_in_the_font():
    have = _cmap()
    files = sorted((ROOT / "rulesets").glob("*.yaml"))
    assert files, "no shipped rulesets found"
    for path in files:
        missing = _missing(path.read_text(encoding="utf-8"), have)
        assert not missing, (f"{path.name} uses characters the font lacks: {''.join(sorted(missing))} "
                             "— run `.venv/bin/python assets/fonts/make_subset.py`")


def test_every_ui_string_glyph_is_in_the_font():
    have = _cmap()
    missing = set()
    for en, ja in STRINGS.values():
        missing |= _missing(en + ja, have)
    assert not missing, f"UI strings use characters the font lacks: {''.join(sorted(missing))}"


def test_font_has_kana_and_common_kanji():
    have = _cmap()
    for text in ("あいうえおアイウエオ", "日本国際緊張平和戦争交渉", "、。「」（）"):
        assert not _missing(text, have)
