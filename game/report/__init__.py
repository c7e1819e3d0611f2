"""Debriefs of saved games and role sheets for the seminar (Markdown, HTML, PNG charts).

`write_report(session_or_save_path, out_dir, fmt="both", lang="en") -> list[Path]` is what the
CLI and the GUI's "Export debrief" button call; `write_briefings(ruleset, out_dir, ...)` writes
one sheet per faction and a rules summary. Nothing here prints; problems raise ReportError
with a one-paragraph message for a person.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

from game.report.files import ReportError, prepare_dir, write_text

__all__ = ["FORMATS", "LANGS", "ReportError", "load_session", "prepare_dir", "write_briefings", "write_report",
           "write_text"]

FORMATS = ("md", "html", "both")
# one debrief drawn at a time: matplotlib's rc_context changes process-wide settings (the fonts), so the
# window's two export threads (Export debrief, and the what-if one) drawing at once could mix them up
_DRAWING = threading.Lock()
LANGS = ("en", "ja")


def _check(fmt: str, lang: str) -> None:
    if fmt not in FORMATS:
        raise ReportError(f"'{fmt}' is not a report format: use md, html or both.")
    if lang not in LANGS:
        raise ReportError(f"'{lang}' is not a language of the report: use en or ja.")


def load_session(session_or_save_path):
    """A GameSession from a session object or a save file path (SaveError becomes ReportError)."""
    from game.saves import GameSession, SaveError

    if isinstance(session_or_save_path, GameSession):
        return session_or_save_path
    try:
        return GameSession.load(session_or_save_path)
    except SaveError as e:
        raise ReportError(str(e)) from None


def write_report(session_or_save_path, out_dir: str | os.PathLike, fmt: str = "both", lang: str = "en",
                 prefix: str = "debrief", whatif: dict | None = None) -> list[Path]:
    """Write the debrief of a game into `out_dir`; returns the files written (page(s) first, then charts).

    `session_or_save_path` is a GameSession (e.g. the GUI's current game) or a save file path.
    fmt: "md" (Markdown with PNG charts beside it), "html" (one page, charts embedded) or "both".
    whatif: the result of `game.sim.whatif.analyse(session, ...)`, adding the what-if section
    (key moments, the recommendations tested, deals against the frontier), in `lang` too.
    """
    _check(fmt, lang)
    session = load_session(session_or_save_path)
    out = prepare_dir(out_dir)
    with _DRAWING:
        return _write_report(session, out, fmt, lang, prefix, whatif)


def _write_report(session, out: Path, fmt: str, lang: str, prefix: str, whatif: dict | None) -> list[Path]:
    from game.report.charts import japanese_font
    from game.report.debrief import Meta, build_debrief
    from game.report.document import to_html, to_markdown
    from game.report.timeline import from_session

    tl = from_session(session)
    try:
        deb = build_debrief(tl, out, lang, Meta(session.game_id, session.seed), prefix,
                            whatif=(whatif, session) if whatif is not None else None)
    except OSError as e:
        raise ReportError(f"Could not write the charts into {out}: {e.strerror or e}.") from None
    written: list[Path] = []
    if fmt in ("html", "both"):
        font = japanese_font() if lang == "ja" else None
        written.append(write_text(out / f"{prefix}.html", to_html(deb.doc, out, font=font)))
    if fmt in ("md", "both"):
        written.append(write_text(out / f"{prefix}.md", to_markdown(deb.doc)))
    written += list(deb.charts.values())
    return written


def write_briefings(ruleset, out_dir: str | os.PathLike, fmt: str = "both", lang: str = "en") -> list[Path]:
    """One role sheet per faction and a rules summary for the table, from a Ruleset."""
    from game.report.briefing import write_all

    _check(fmt, lang)
    return write_all(ruleset, prepare_dir(out_dir), fmt, lang)


__all__ = ["ReportError", "write_report", "write_briefings", "FORMATS", "LANGS"]
