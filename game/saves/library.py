"""The saves of a folder as people think of them: which game, how far, who played, how it ended.

Both front ends list saves through `catalogue()`: newest first, each game's earlier saves under
its latest one, and a branch under the save it came from. Only each file's header is read (its
first and last few kilobytes, where this version writes the ids, seats, summary and parent), so
a folder of long games lists quickly; a file that is not a readable save is left out with a note.
Loading a save still checks all of it. Nothing here prints.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from game.saves.format import FORMAT, SaveError, SaveMeta, SaveParent
from game.saves.session import read_save_json

HEAD_BYTES = 4096     # format, version, game_id, seed and seats come first
TAIL_BYTES = 16384    # meta and parent come last


@dataclass
class SaveInfo:
    """One save file's header."""

    path: Path
    game_id: str
    seats: dict[str, str]
    meta: SaveMeta
    parent: SaveParent | None
    mtime: float

    @property
    def when(self) -> _dt.datetime:
        """When the game was last saved (the summary's time, else the file's)."""
        try:
            t = _dt.datetime.fromisoformat(self.meta.updated)
            return t if t.tzinfo else t.replace(tzinfo=_dt.timezone.utc)
        except ValueError:
            return _dt.datetime.fromtimestamp(self.mtime, _dt.timezone.utc)

    @property
    def autosave(self) -> bool:
        return self.path.name.startswith("autosave-")


@dataclass
class Row:
    """A line of the list: a save, how deep it sits, and why it sits there."""

    info: SaveInfo
    depth: int = 0
    kind: str = "game"      # game | save (another save of the game above) | branch


@dataclass
class Catalogue:
    rows: list[Row] = field(default_factory=list)
    problems: list[tuple[Path, str]] = field(default_factory=list)    # (file, why) per file left out

    def infos(self) -> list[SaveInfo]:
        return [r.info for r in self.rows]


# ---------------------------------------------------------------- reading one header


def _top_value(chunk: str, key: str, last: bool = False):
    """The JSON value of top-level `key` in a piece of a file written with indent=1, or KeyError."""
    mark = f'\n "{key}": '
    at = chunk.rfind(mark) if last else chunk.find(mark)
    if at < 0:
        raise KeyError(key)
    value, _ = json.JSONDecoder().raw_decode(chunk, at + len(mark))
    return value


def _head_and_tail(p: Path) -> tuple[str, str]:
    fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SaveError(f"{p.name} is not a regular file.")
        with os.fdopen(fd, "rb") as f:
            fd = -1
            head = f.read(HEAD_BYTES)
            if info.st_size > HEAD_BYTES + TAIL_BYTES:
                f.seek(info.st_size - TAIL_BYTES)
            tail = f.read()
    finally:
        if fd >= 0:
            os.close(fd)
    return head.decode("utf-8-sig", "replace"), tail.decode("utf-8", "replace")


def read_header(path: str | os.PathLike) -> SaveInfo:
    """The header of one save, reading only its ends; raises SaveError saying why it is no save.

    A file laid out otherwise (written by another tool, say) is parsed whole instead."""
    p = Path(path)
    try:
        mtime = p.stat().st_mtime
        head, tail = _head_and_tail(p)
    except OSError as e:
        raise SaveError(f"{p.name} could not be read: {e.strerror or e}.") from None
    try:
        if _top_value(head, "format") != FORMAT:
            raise SaveError(f"{p.name} is not a Red Lines save.")
        raw = {"game_id": _top_value(head, "game_id"), "seats": _top_value(head, "seats"),
               "meta": _top_value(tail, "meta", last=True), "parent": _top_value(tail, "parent", last=True)}
    except (KeyError, ValueError):
        data = read_save_json(p)   # SaveError when it is no JSON (cut short, another kind of file)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise SaveError(f"{p.name} is not a Red Lines save.") from None
        raw = {k: data.get(k) for k in ("game_id", "seats", "meta", "parent")}
    try:
        meta = SaveMeta.model_validate(raw["meta"])
        parent = None if raw["parent"] is None else SaveParent.model_validate(raw["parent"])
    except ValidationError:
        raise SaveError(f"{p.name} is damaged: its summary cannot be read.") from None
    gid, seats = raw["game_id"], raw["seats"]
    if not isinstance(gid, str) or not isinstance(seats, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in seats.items()):
        raise SaveError(f"{p.name} is damaged: its game id or seats cannot be read.")
    return SaveInfo(p, gid, dict(seats), meta, parent, mtime)


# ---------------------------------------------------------------- a folder as a tree


def _key(p: Path) -> str:
    try:
        return str(p.resolve())
    except OSError:
        return os.path.abspath(p)


def catalogue(folder: str | os.PathLike, limit: int = 500) -> Catalogue:
    """Every save in `folder` (its *.json files), as rows of a tree, newest game first."""
    out = Catalogue()
    try:
        files = sorted(Path(folder).glob("*.json"))
    except OSError:
        return out
    infos: list[SaveInfo] = []
    for p in files[:limit]:
        try:
            infos.append(read_header(p))
        except SaveError as e:
            out.problems.append((p, str(e)))
    infos.sort(key=lambda i: (i.when, i.mtime), reverse=True)
    by_game: dict[str, list[SaveInfo]] = {}
    for i in infos:
        by_game.setdefault(i.game_id, []).append(i)
    for group in by_game.values():   # a game's own autosave leads it, then its saves furthest along first
        group.sort(key=lambda i: (not i.autosave, -i.meta.steps))
    by_path = {_key(i.path): i for i in infos}
    lead = {gid: group[0] for gid, group in by_game.items()}
    # a game's branches hang under the save they came from (or that game's latest save)
    branches: dict[str, list[SaveInfo]] = {}
    top: list[SaveInfo] = []
    for gid, head in lead.items():
        par = head.parent
        host = None
        if par is not None and par.game_id != gid and par.game_id in by_game:
            host = by_path.get(_key(Path(par.path))) if par.path else None
            if host is None or host.game_id != par.game_id:   # the file moved: a save of that game at that move
                host = next((i for i in by_game[par.game_id] if i.meta.steps == par.step), lead[par.game_id])
        if host is None:
            top.append(head)
        else:
            branches.setdefault(_key(host.path), []).append(head)

    newest: dict[str, _dt.datetime] = {}

    def recent(i: SaveInfo, seen: frozenset) -> _dt.datetime:
        """The newest save in the subtree of `i` (a branch played today lifts its old parent)."""
        k = _key(i.path)
        if k in newest:
            return newest[k]
        t = i.when
        kids = [c for c in branches.get(k, []) if _key(c.path) not in seen]
        if lead.get(i.game_id) is i:
            kids += by_game[i.game_id][1:]
        for c in kids:
            t = max(t, recent(c, seen | {k}))
        newest[k] = t
        return t

    placed: set[str] = set()

    def emit(i: SaveInfo, depth: int, kind: str) -> None:
        k = _key(i.path)
        if k in placed:
            return
        placed.add(k)
        out.rows.append(Row(i, depth, kind))
        kids: list[tuple[SaveInfo, str]] = [(c, "branch") for c in branches.get(k, [])]
        if lead.get(i.game_id) is i:
            kids += [(c, "save") for c in by_game[i.game_id][1:]]
        kids.sort(key=lambda ck: recent(ck[0], frozenset({k})), reverse=True)
        for c, kd in kids:
            emit(c, depth + 1, kd)

    for i in sorted(top, key=lambda i: recent(i, frozenset()), reverse=True):
        emit(i, 0, "game")
    for i in infos:          # anything a damaged parent link left out still shows
        emit(i, 0, "game")
    return out


# ---------------------------------------------------------------- words

WORDS = {
    "en": {"round": "Round {n}", "over": "Over", "completed": "peace kept",
           "war": "war", "collapse": "order collapsed", "ai_only": "AI seats only", "today": "today {t}",
           "yesterday": "yesterday {t}", "branch": "branch from move {n} of {f}",
           "save": "a save of this game at move {n}", "sep": ", ",
           "event": "Event", "negotiation": "Negotiation", "actions": "Actions", "resolution": "Resolution",
           "cleanup": "End of round"},
    "ja": {"round": "第{n}ラウンド", "over": "終了", "completed": "平和を維持",
           "war": "戦争", "collapse": "秩序崩壊", "ai_only": "AIの席のみ", "today": "今日 {t}",
           "yesterday": "昨日 {t}", "branch": "{f}の{n}手目からの分岐", "save": "このゲームの{n}手目の保存",
           "sep": "、",
           "event": "出来事", "negotiation": "交渉", "actions": "行動", "resolution": "解決",
           "cleanup": "ラウンド終了"},
}


def _w(key: str, lang: str, **kw) -> str:
    text = WORDS.get(lang, WORDS["en"]).get(key) or WORDS["en"][key]
    return text.format(**kw) if kw else text


def progress(info: SaveInfo, lang: str = "en") -> str:
    """'Round 2 · Actions', or 'Over — war (round 3)'."""
    m = info.meta
    if m.over:
        return f"{_w('over', lang)} — {_w(m.outcome, lang) if m.outcome in WORDS['en'] else m.outcome} " \
               f"({_w('round', lang, n=m.round)})"
    return f"{_w('round', lang, n=m.round)} · {_w(m.phase, lang) if m.phase in WORDS['en'] else m.phase}"


def teams(info: SaveInfo, lang: str = "en") -> str:
    """The human seats: 'Team Sakura (Japan), South Korea'."""
    names = info.meta.names
    out = []
    for f, seat in info.seats.items():
        if seat != "human":
            continue
        name = names.get(f) or f.replace("_", " ").title()
        team = info.meta.teams.get(f)
        out.append(f"{team} ({name})" if team else name)
    return _w("sep", lang).join(out) or _w("ai_only", lang)


def when(info: SaveInfo, lang: str = "en", now: _dt.datetime | None = None) -> str:
    """When it was last played, in local time: 'today 19:35', 'yesterday 08:02', '2026-11-28 14:10'."""
    local = info.when.astimezone()
    today = (now or _dt.datetime.now().astimezone()).date()
    hm = local.strftime("%H:%M")
    if local.date() == today:
        return _w("today", lang, t=hm)
    if (today - local.date()).days == 1:
        return _w("yesterday", lang, t=hm)
    return local.strftime("%Y-%m-%d %H:%M")


def lineage(row: Row, lang: str = "en") -> str:
    """Why a row sits where it does: a branch names the save it came from."""
    i = row.info
    if i.parent is not None and row.kind in ("branch", "game"):
        return _w("branch", lang, n=i.parent.step, f=Path(i.parent.path).name or i.parent.game_id)
    if row.kind == "save":
        return _w("save", lang, n=i.meta.steps)
    return ""


def headline(row: Row, lang: str = "en") -> str:
    """What a person looks for first: how far the game got and who played it."""
    return f"{progress(row.info, lang)} — {teams(row.info, lang)}"


def detail(row: Row, lang: str = "en") -> str:
    """The line under it: when, which rules, where it came from, which file."""
    i = row.info
    return " · ".join(x for x in (when(i, lang), i.meta.ruleset_name, lineage(row, lang), i.path.name) if x)


def summary(row: Row, lang: str = "en") -> str:
    """Both on one line."""
    return f"{headline(row, lang)} ({detail(row, lang)})"
