"""Regenerate the shipped Japanese/Latin font subsets from pygame_gui's Noto Sans JP.

    .venv/bin/python assets/fonts/make_subset.py

Keeps: ASCII and Latin-1, general punctuation, arrows and shapes the UI draws,
CJK symbols and punctuation, hiragana, katakana, full-width forms, JIS X 0208
level-1 kanji (the common kanji; derived from the euc_jp codec, it holds almost
all of the joyo list) plus every character that appears in rulesets/*.yaml and
in the UI's own strings (game/ui/i18n.py). Fonts: SIL Open Font License 1.1
(see OFL.txt beside this script).
"""
from __future__ import annotations

import importlib.resources
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUT = {"NotoSansJP-Regular.otf": "NotoSansJP-Regular-Subset.otf"}


def jis_level1_kanji() -> set[int]:
    """JIS X 0208 rows 16-47: the 2,965 level-1 kanji."""
    cps = set()
    for row in range(16, 48):
        for col in range(1, 95):
            try:
                ch = bytes([row + 0xA0, col + 0xA0]).decode("euc_jp")
            except UnicodeDecodeError:
                continue
            cps.add(ord(ch))
    return cps


def wanted() -> set[int]:
    cps: set[int] = set(range(0x20, 0x7F)) | set(range(0xA0, 0x180))
    for lo, hi in [(0x370, 0x3FF), (0x2000, 0x206F), (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2460, 0x24FF),
                   (0x2500, 0x257F), (0x25A0, 0x25FF), (0x2600, 0x26FF), (0x3000, 0x303F),
                   (0x3040, 0x309F), (0x30A0, 0x30FF), (0xFF00, 0xFFEF)]:
        cps |= set(range(lo, hi + 1))
    cps |= jis_level1_kanji()
    sources = list((ROOT / "rulesets").glob("*.yaml")) + [ROOT / "game" / "ui" / "i18n.py"]
    for path in sources:
        if path.exists():
            cps |= {ord(c) for c in path.read_text(encoding="utf-8") if ord(c) >= 0x20}
    return cps


def main() -> None:
    data = importlib.resources.files("pygame_gui.data")
    cps = wanted()
    for src_name, out_name in OUT.items():
        src = data / src_name
        font = TTFont(str(src), recalcTimestamp=False)
        have = set(font.getBestCmap())
        keep = sorted(cps & have)
        opts = subset.Options()
        opts.layout_features = ["*"]
        opts.name_IDs = ["*"]
        opts.name_languages = ["*"]
        opts.notdef_outline = True
        opts.hinting = False
        opts.desubroutinize = False
        sub = subset.Subsetter(opts)
        sub.populate(unicodes=keep)
        sub.subset(font)
        font.save(str(HERE / out_name))
        print(f"{out_name}: {len(keep)} characters, {(HERE / out_name).stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
