"""A game in progress as the front ends hold it: ruleset, seed, seats, state and logs.

`GameSession` is what the terminal and the window both drive: `apply` an action (with an
AI's one-line reason), `undo` a human's own actions by replaying the log without them,
`save`/`load` atomically written JSON files, `autosave` at round ends, `replay` the log.
Nothing here prints.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from game.engine import Action, IllegalAction, apply as engine_apply, current_decider, new_game, State
from game.rules.regular_file import FileTooLarge, NotRegularFile, read_regular_file
from game.rules.schema import Ruleset, text_of
from game.saves.format import (
    FORMAT, GAME_ID_PATTERN, VERSION, SaveError, SaveFile, SaveMeta, SaveOptions, SaveParent, canonical_hash, log_hash,
    ruleset_json,
)
from game.saves.snapshot import first_difference, state_to_dict

SEAT_KINDS = ("human", "ai:easy", "ai:normal", "ai:hard", "ai:random")
# events after which a human can no longer take back what came before
REVEALS = frozenset({"draw", "chance", "miscalculation_check", "event", "crisis_looms", "reshuffle",
                     "discard", "vote_result"})


def normalize_seats(ruleset: Ruleset, seats: dict[str, str] | None) -> dict[str, str]:
    """Every faction's seat in ruleset order; factions not named are 'ai:normal'."""
    ids = [f.id for f in ruleset.factions]
    seats = dict(seats or {})
    for f, seat in seats.items():
        if f not in ids:
            raise SaveError(f"There is no faction '{f}' in this ruleset (factions: {', '.join(ids)}).")
        if seat == "ai":
            seats[f] = seat = "ai:normal"
        if seat not in SEAT_KINDS:
            raise SaveError(f"'{seat}' is not a seat for {f}: use one of {', '.join(SEAT_KINDS)}.")
    return {f: seats.get(f, "ai:normal") for f in ids}


def new_game_id(seed: int) -> str:
    """A file-name-safe id: date, time, seed and a few random hex digits."""
    now = _dt.datetime.now()
    return f"{now:%Y%m%d-%H%M%S}-s{seed % 1_000_000_000}-{os.urandom(2).hex()}"


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def atomic_write(path: str | os.PathLike, text: str) -> Path:
    """Write `text` to `path` through a temporary file in the same folder, fsync, rename.

    A crash at any point leaves either the old file or the new one, never half of one.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise SaveError(f"Could not write the save to {path}: {e.strerror or e}.") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise SaveError(f"Could not write the save to {path}: {e.strerror or e}. "
                            "Any earlier save at that path is unchanged.") from None
        raise
    try:  # make the rename itself durable where the platform allows it
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass
    return path


def _stat_key(path: str) -> tuple[int, int] | None:
    """(size, mtime in ns) of a file, to tell whether it changed since it was last read or written."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _common_steps(path: str, actions: list[dict]) -> int:
    """How many first actions of `actions` the save at `path` shares (0 when it cannot be read)."""
    try:
        data = read_save_json(path) if path else None
    except SaveError:
        return 0
    theirs = data.get("actions") if isinstance(data, dict) else None
    n = 0
    for a, b in zip(theirs if isinstance(theirs, list) else [], actions):
        if a != b:
            break
        n += 1
    return n


def _short(value: object, limit: int = 160) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + " ..."


def replay(ruleset: Ruleset, seed: int, seats: dict[str, str], actions: list[dict]) -> tuple[State, list[tuple[int, dict]]]:
    """The state after re-applying `actions` from a new game, and every event as (step, event).

    Step 0 holds the setup events; step k the events of the k-th action. Raises SaveError
    naming the first action that cannot be applied.
    """
    state, setup = new_game(ruleset, seed, seats)
    events = [(0, e) for e in setup]
    for i, d in enumerate(actions, 1):
        try:
            action = Action.from_dict(d)
            canonical = json.dumps(action.to_dict(), sort_keys=True) == json.dumps(d, sort_keys=True)
        except Exception:  # any damage to the dict: wrong types, inf amounts ...
            canonical = False
        if not canonical:  # what this version writes, exactly: nothing ignored, nothing converted
            raise SaveError(f"Action {i} of the log is not a valid action ({_short(d)}).")
        try:
            state, out = engine_apply(state, action)
        except IllegalAction as e:
            raise SaveError(f"Action {i} of the log cannot be replayed: {e}.") from None
        except (KeyError, TypeError, ValueError, IndexError, AttributeError, ArithmeticError) as e:
            raise SaveError(f"Action {i} of the log cannot be replayed ({type(e).__name__}: "
                            f"{_short(str(e))}).") from None
        events.extend((i, e) for e in out)
    return state, events


MAX_SAVE_BYTES = 64 * 1024 * 1024  # a real save is well under 1 MiB


def _save_bytes(p: Path) -> bytes:
    """The bytes of a regular save file (game.rules.regular_file); any problem as a SaveError."""
    try:
        return read_regular_file(p, MAX_SAVE_BYTES)
    except FileNotFoundError:
        raise SaveError(f"There is no save file at {p}.") from None
    except IsADirectoryError:
        raise SaveError(f"{p} is a folder, not a save file.") from None
    except NotRegularFile:
        raise SaveError(f"{p} is not a save file: it is a device, pipe or socket, not a regular file.") from None
    except FileTooLarge as e:
        raise SaveError(f"{p} is not a save file: it is {e.size} bytes long, far more than any "
                        "save. It was left as it is.") from None
    except OSError as e:
        raise SaveError(f"Could not read {p}: {e.strerror or e}.") from None


def read_save_json(path: str | os.PathLike) -> object:
    """The parsed JSON of a save file; raises SaveError (never changes the file)."""
    p = Path(path)
    raw = _save_bytes(p)
    try:
        # utf-8-sig: a byte order mark that an editor added is not damage
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeError, ValueError, RecursionError):
        raise SaveError(f"{p} is not a complete save file: it is not valid JSON, so it was probably cut "
                        "short while being written or copied, or it is another kind of file. It was left "
                        "as it is; try an earlier save or the autosave in the saves folder.") from None
    try:  # an escaped lone surrogate (\ud800) loads, but could never be written back as UTF-8
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except (UnicodeError, RecursionError):
        raise SaveError(f"{p} cannot be loaded: it holds text that is not valid Unicode or values nested "
                        "too deeply, so it was damaged or edited. The file was left as it is.") from None
    return data


def parse_save(data: object, origin: str = "the save") -> tuple[SaveFile, Ruleset, dict[str, str]]:
    """Check parsed save JSON: format, version, fields, the embedded ruleset and its hash.

    Raises SaveError with a one-paragraph message; the log is not replayed here.
    """
    def bad(why: str) -> SaveError:
        return SaveError(f"{origin} cannot be loaded: {why} The file was left as it is.")

    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise bad("it is not a Red Lines save (its 'format' field is missing or different).")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise bad("its format version is missing or not a number.")
    if version > VERSION:
        raise bad(f"it was written by a newer version of Red Lines (save format {version}; this version "
                  f"reads format {VERSION} and older). Update the game to open it.")
    if version < 1:
        raise bad(f"its format version {version} is unknown.")
    try:
        save = SaveFile.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        where = ".".join(str(x) for x in err["loc"]) or "(top)"
        raise bad(f"it is damaged or was edited: {where}: {err['msg']}.") from None
    if (save.version >= 2 or save.actions_sha256) and log_hash(save.actions) != save.actions_sha256:
        raise bad("its action log does not match the log's SHA-256 recorded in the file, so the log or the "
                  "hash was edited after the game was saved.")
    if canonical_hash(save.ruleset) != save.ruleset_sha256:
        raise bad("its embedded ruleset does not match the ruleset's SHA-256 recorded in the file, so the "
                  "ruleset or the hash was edited after the game was saved.")
    try:
        ruleset = Ruleset.model_validate(save.ruleset)
    except ValidationError as e:
        err = e.errors()[0]
        where = ".".join(str(x) for x in err["loc"])
        raise bad(f"its embedded ruleset is not valid ({where}: {err['msg']}).") from None
    try:
        seats = normalize_seats(ruleset, save.seats)
    except SaveError as e:
        raise bad(f"its seats are wrong: {e}") from None
    if seats != save.seats:
        raise bad("its seats do not name every faction of its ruleset.")
    stray = sorted(set(save.meta.teams) - set(seats))
    if stray:
        raise bad(f"its team names are for factions its ruleset does not have ({', '.join(stray)}).")
    return save, ruleset, seats


def meta_difference(save: SaveFile, ruleset: Ruleset, state: State) -> str | None:
    """The first field of the save's summary that disagrees with the replayed state, or None.

    created, updated and ruleset_path are free text: nothing can check them.
    """
    m = save.meta
    want = {"round": state.round, "phase": state.phase, "steps": len(save.actions), "over": state.over,
            "outcome": state.outcome, "ruleset_name": text_of(ruleset.name)}
    return next((k for k, v in want.items() if getattr(m, k) != v), None)


@dataclass
class GameSession:
    """One game: the ruleset, seed, seats, current state and the logs a save is made of."""

    ruleset: Ruleset
    seed: int
    seats: dict[str, str]
    state: State
    actions: list[dict] = field(default_factory=list)      # Action.to_dict() per step
    reasons: list[str] = field(default_factory=list)       # per action: an AI's one-line reason, or ""
    events: list[tuple[int, dict]] = field(default_factory=list)
    game_id: str = ""
    created: str = ""
    ruleset_path: str = ""
    ruleset_text: str = ""
    autosave_dir: str | None = None                        # when set, apply() autosaves at round ends
    last_save: str | None = None                           # the path last written (manual or auto)
    autosave_error: str | None = None                      # the last autosave failure, for the front end
    parent: SaveParent | None = None                       # on a branch: the save and step it came from
    teams: dict[str, str] = field(default_factory=dict)    # faction -> team name of a human seat
    lang: str = ""                                         # the table's language ('' when not known)
    options: SaveOptions = field(default_factory=SaveOptions)
    source: str | None = None                              # the file this game was loaded from
    shared_steps: int = 0                                  # how many actions of the log are the source's
    branch_pending: bool = False                           # the next move starts a branch (see follow())
    _on_disk: dict = field(default_factory=dict, repr=False)  # path -> what it holds (see _remember)

    # ------------------------------------------------------------------ creating
    @classmethod
    def new(cls, ruleset: Ruleset, ruleset_text: str = "", seed: int = 0, seats: dict[str, str] | None = None, *,
            ruleset_path: str = "", game_id: str | None = None) -> "GameSession":
        """A new game; `ruleset_text` is kept for reference, the save embeds the merged ruleset."""
        seats = normalize_seats(ruleset, seats)
        state, setup = new_game(ruleset, seed, seats)
        gid = game_id or new_game_id(seed)
        if not re.match(GAME_ID_PATTERN, gid):
            raise SaveError(f"'{gid}' cannot be a game id (letters, digits, '-' and '_' only).")
        return cls(ruleset=ruleset, seed=seed, seats=seats, state=state, events=[(0, e) for e in setup],
                   game_id=gid, created=_now(), ruleset_path=ruleset_path, ruleset_text=ruleset_text)

    # ------------------------------------------------------------------ playing
    @property
    def steps(self) -> int:
        return len(self.actions)

    @property
    def over(self) -> bool:
        return self.state.over

    def decider(self) -> str | None:
        return current_decider(self.state)

    def is_human(self, faction: str | None) -> bool:
        return faction is not None and self.seats.get(faction) == "human"

    def humans(self) -> list[str]:
        return [f for f, s in self.seats.items() if s == "human"]

    def apply(self, action: Action, reason: str = "") -> list[dict]:
        """Apply an action (raises IllegalAction, leaving everything unchanged); returns its events."""
        state, out = engine_apply(self.state, action)
        if self.branch_pending:
            self.branch()
        self.state = state
        self.actions.append(action.to_dict())
        self.reasons.append(reason)
        step = len(self.actions)
        self.events.extend((step, e) for e in out)
        if self.autosave_dir is not None and any(e["type"] in ("round_end", "game_over") for e in out):
            try:
                self.autosave(self.autosave_dir)
                self.autosave_error = None
            except SaveError as e:
                self.autosave_error = str(e)
        return out

    def events_of(self, step: int) -> list[dict]:
        return [e for s, e in self.events if s == step]

    # ------------------------------------------------------------------ undo
    def _barrier(self, i: int, faction: str) -> bool:
        """True when action i (0-based) revealed hidden information or was another human's.

        Another seat's card play is a reveal too: the card came out of a hidden hand, and a
        player who has seen it could not have known it before their own move."""
        actor = self.actions[i].get("faction")
        if actor != faction and (self.is_human(actor) or self.actions[i].get("kind") == "play"):
            return True
        return any(e["type"] in REVEALS for e in self.events_of(i + 1))

    def undo_options(self, faction: str) -> list[int]:
        """Indices (0-based, most recent first) of `faction`'s own actions it may still take back.

        Undoing to index i removes action i and everything after it; it is allowed only when
        none of those actions revealed hidden information (a card drawn or played by another
        seat, a chance roll, an event, a vote counted ...) or was another human seat's.
        """
        if not self.is_human(faction):
            return []
        out = []
        for i in range(len(self.actions) - 1, -1, -1):
            if self._barrier(i, faction):
                break
            if self.actions[i].get("faction") == faction:
                out.append(i)
        return out

    def undo(self, faction: str, count: int = 1) -> list[dict]:
        """Take back `faction`'s last `count` own actions (and all that followed) by replaying the
        log without them; returns the removed actions (empty when nothing may be undone)."""
        options = self.undo_options(faction)
        if not options or count < 1:
            return []
        cut = options[min(count, len(options)) - 1]
        removed = self.actions[cut:]
        keep, reasons = self.actions[:cut], self.reasons[:cut]
        state, events = replay(self.ruleset, self.seed, self.seats, keep)
        self.state, self.actions, self.reasons, self.events = state, keep, reasons, events
        self.shared_steps = min(self.shared_steps, cut)
        return removed

    # ------------------------------------------------------------------ saving
    def to_save(self) -> SaveFile:
        data = ruleset_json(self.ruleset)
        s = self.state
        meta = SaveMeta(created=self.created or _now(), updated=_now(), round=s.round, phase=s.phase,
                        steps=len(self.actions), over=s.over, outcome=s.outcome,
                        ruleset_name=text_of(self.ruleset.name), ruleset_path=self.ruleset_path,
                        teams={f: t for f, t in self.teams.items() if f in self.seats and t},
                        names={f.id: text_of(f.name, self.lang or "en") for f in self.ruleset.factions},
                        lang=self.lang, options=self.options)
        return SaveFile(game_id=self.game_id, seed=self.seed, seats=dict(self.seats),
                        ruleset_sha256=canonical_hash(data), ruleset=data, actions=list(self.actions),
                        actions_sha256=log_hash(self.actions),
                        reasons=list(self.reasons), snapshot=state_to_dict(s), meta=meta, parent=self.parent)

    def to_json(self) -> str:
        return json.dumps(self.to_save().model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"

    def save(self, path: str | os.PathLike) -> Path:
        """Write the game to `path` atomically, whatever is there (a front end asks first before
        replacing another save); raises SaveError with a readable message."""
        written = atomic_write(path, self.to_json())
        self.last_save = str(written)
        self._remember(written)
        return written

    def autosave_path(self, saves_dir: str | os.PathLike) -> Path:
        return Path(saves_dir) / f"autosave-{self.game_id}.json"

    def autosave(self, saves_dir: str | os.PathLike) -> Path:
        """Keep the game in its autosave file, never at the cost of another line of play.

        Nothing is written when the file already holds exactly this game (its autosave, or the
        loaded save when a move from it would start a branch): that path is returned. When the
        game's autosave holds moves this log does not (the game went further from the loaded
        save, or another window played it on), this game becomes a branch first and gets an
        autosave file of its own."""
        path = self.autosave_path(saves_dir)
        for same in (path, Path(self.source) if self.branch_pending and self.source else None):
            if same is not None and self._holds(same):
                self.last_save = str(same)
                return same
        if not self.may_write(path):
            self.branch(source=str(path))
            path = self.autosave_path(saves_dir)
        return self.save(path)

    def _holds(self, path: Path) -> bool:
        """True when `path` is known to hold exactly this game's log, unchanged since then."""
        known = self._on_disk.get(str(path))
        return (known is not None and known[0] == log_hash(self.actions) and known[3] == self.game_id
                and _stat_key(str(path)) == known[1:3])

    def may_write(self, path: str | os.PathLike) -> bool:
        """True when writing this game to `path` loses no one's moves: the path is free, holds an
        earlier point of this same game, or holds what this session itself last wrote there."""
        p = Path(path)
        if not os.path.lexists(p):
            return True
        known = self._on_disk.get(str(p))
        if known is not None and known[4] and _stat_key(str(p)) == known[1:3] and known[3] == self.game_id:
            return True   # written by this session and not changed since (an undo may have made it longer)
        try:
            data = read_save_json(p)
        except SaveError:
            return False  # a file that cannot be read is not ours to replace
        if not isinstance(data, dict) or data.get("game_id") != self.game_id:
            return False
        acts = data.get("actions")
        return isinstance(acts, list) and len(acts) <= len(self.actions) and acts == self.actions[:len(acts)]

    def follow(self, saves_dir: str | os.PathLike) -> Path | None:
        """Autosave into `saves_dir` from now on. A loaded game whose autosave there has gone
        further (or elsewhere) than the loaded save is not its latest point: its next move starts
        a branch. Returns that further-along autosave, or None when this game continues its line."""
        self.autosave_dir = str(saves_dir)
        path = self.autosave_path(saves_dir)
        if self.source is None or Path(self.source) == path or self.may_write(path):
            return None
        self.branch_pending = True
        return path

    def branch(self, source: str | None = None) -> None:
        """From here this game is a new line of play: a new id (so a new autosave file), and the
        parent it shares its first moves with."""
        where = self.source or source or ""
        step = self.shared_steps if self.source else _common_steps(where, self.actions)
        self.parent = SaveParent(game_id=self.game_id, path=os.path.abspath(where) if where else "", step=step)
        self.game_id = new_game_id(self.seed)
        self.created = _now()
        self.branch_pending = False
        self.source = None
        self.shared_steps = 0

    def _remember(self, path: str | os.PathLike, written: bool = True) -> None:
        """Note what `path` holds now: (log hash, size, mtime, game id, written by this session)."""
        key = _stat_key(str(path))
        if key is not None:
            self._on_disk[str(path)] = (log_hash(self.actions), *key, self.game_id, written)

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, path: str | os.PathLike) -> "GameSession":
        """Read, check and replay a save; raises SaveError (the file is never changed)."""
        p = Path(path)
        data = read_save_json(p)
        session = cls.from_data(data, str(p))
        session.last_save = str(p)
        session.source = str(p)
        session.shared_steps = len(session.actions)
        session._remember(p, written=False)
        return session

    @classmethod
    def from_data(cls, data: object, origin: str = "the save") -> "GameSession":
        """A session from parsed save JSON, after checking version, ruleset hash and snapshot."""
        save, ruleset, seats = parse_save(data, origin)

        def bad(why: str) -> SaveError:
            return SaveError(f"{origin} cannot be loaded: {why} The file was left as it is.")

        try:
            state, events = replay(ruleset, save.seed, seats, save.actions)
        except SaveError as e:
            raise bad(f"its action log does not replay ({e}) The log was edited or damaged.") from None
        replayed = state_to_dict(state)
        diff = first_difference(replayed, save.snapshot)
        if diff is not None:
            raise bad(f"its state snapshot does not match a replay of its action log (first difference at "
                      f"'{diff}'), so the snapshot or the log was edited.")
        diff = meta_difference(save, ruleset, state)
        if diff is not None:
            raise bad(f"its summary ('meta.{diff}') does not match a replay of its action log, so the "
                      "summary was edited.")
        reasons = list(save.reasons[:len(save.actions)])
        reasons += [""] * (len(save.actions) - len(reasons))
        return cls(ruleset=ruleset, seed=save.seed, seats=seats, state=state, actions=list(save.actions),
                   reasons=reasons, events=events, game_id=save.game_id, created=save.meta.created,
                   ruleset_path=save.meta.ruleset_path, parent=save.parent, teams=dict(save.meta.teams),
                   lang=save.meta.lang, options=save.meta.options.model_copy())

    # ------------------------------------------------------------------ checking
    def replay(self, upto: int | None = None) -> tuple[State, list[tuple[int, dict]]]:
        """Re-apply the first `upto` actions (all by default) from the seed."""
        acts = self.actions if upto is None else self.actions[:upto]
        return replay(self.ruleset, self.seed, self.seats, acts)

    def verify(self) -> str | None:
        """None when a replay of the log gives the current state, else where they first differ."""
        state, _ = self.replay()
        return first_difference(state_to_dict(state), state_to_dict(self.state))
