"""`python -m game report SAVE --out DIR [--format md|html|both] [--lang en|ja]`: write a debrief."""
from __future__ import annotations

import argparse
import sys

from game.report import FORMATS, LANGS, ReportError, write_report


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("save", metavar="SAVE", help="a save file (manual save or autosave) of the game")
    parser.add_argument("--out", metavar="DIR", default="debrief",
                        help="folder to write the debrief into (created if missing; default: ./debrief)")
    parser.add_argument("--format", choices=FORMATS, default="both",
                        help="html: one page with the charts embedded; md: Markdown with PNG charts beside it; "
                             "both (default)")
    parser.add_argument("--lang", choices=LANGS, default="en", help="language of the debrief")


def run(args) -> int:
    try:
        written = write_report(args.save, args.out, fmt=args.format, lang=args.lang)
    except ReportError as e:
        print(str(e), file=sys.stderr)
        return 1
    pages = [p for p in written if p.suffix in (".html", ".md")]
    print(f"Debrief written to {args.out}:")
    for p in written:
        print(f"  {p}")
    if pages:
        print(f"Open {pages[0]} to put it on the screen.")
    return 0
