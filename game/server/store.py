"""Rooms on disk: one SQLite file (WAL) with an append-only log per room, and its latest snapshot.

Each room is a row in `rooms` (its ruleset, seed and creation settings) and a run of rows in
`log`: engine actions (`kind` "action") and room changes (seats, tokens, clock, pause). Writes
happen before the change is broadcast. Every so many actions and at each round's end the room
also writes a snapshot (`snapshots`, one row per room, replaced): what its log had built up to
row `n`. A room is brought back from its snapshot and the rows after it, or from the whole log
when it has none. `MemoryStore` keeps the same interface without a file (tests, `--data` not given)."""
from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS rooms (
    code TEXT PRIMARY KEY, created TEXT NOT NULL, ruleset TEXT NOT NULL, ruleset_path TEXT NOT NULL,
    seed INTEGER NOT NULL, game_id TEXT NOT NULL, settings TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS log (
    code TEXT NOT NULL, n INTEGER NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (code, n));
CREATE TABLE IF NOT EXISTS snapshots (
    code TEXT PRIMARY KEY, n INTEGER NOT NULL, data TEXT NOT NULL);
"""


class Stored:
    """One room as the store holds it: its row, its snapshot (None or (n, data)) and its log
    as (n, kind, data) in order."""

    def __init__(self, code: str, row: dict, snapshot: tuple[int, dict] | None,
                 log: list[tuple[int, str, dict]]) -> None:
        self.code, self.row, self.snapshot, self.log = code, row, snapshot, log


class MemoryStore:
    def __init__(self) -> None:
        self.rooms: dict[str, dict] = {}
        self.logs: dict[str, list[tuple[str, dict]]] = {}
        self.snapshots: dict[str, tuple[int, dict]] = {}

    def create_room(self, code: str, row: dict) -> None:
        self.rooms[code] = dict(row)
        self.logs[code] = []

    def append(self, code: str, kind: str, data: dict) -> None:
        self.logs[code].append((kind, json.loads(json.dumps(data))))

    def last(self, code: str) -> int:
        """The number of the room's last log row (rows count from 1)."""
        return len(self.logs[code])

    def snapshot(self, code: str, n: int, data: dict) -> None:
        self.snapshots[code] = (n, json.loads(json.dumps(data)))

    def load(self) -> list[Stored]:
        return [Stored(c, dict(r), self.snapshots.get(c),
                       [(i, k, d) for i, (k, d) in enumerate(self.logs[c], 1)]) for c, r in self.rooms.items()]

    def close(self) -> None:
        pass


class SqliteStore(MemoryStore):
    """The same, in `DIR/rooms.sqlite3`; every write is committed before it returns."""

    def __init__(self, folder: str | Path) -> None:
        super().__init__()
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "rooms.sqlite3"
        self.db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")  # WAL: a killed process loses nothing committed
        self.db.executescript(SCHEMA)
        self.lock = threading.Lock()
        self.next: dict[str, int] = {}
        for code, n in self.db.execute("SELECT code, COALESCE(MAX(n), 0) FROM log GROUP BY code"):
            self.next[code] = n + 1

    def create_room(self, code: str, row: dict) -> None:
        with self.lock:
            self.db.execute("INSERT INTO rooms VALUES (?, ?, ?, ?, ?, ?, ?)",
                            (code, row["created"], row["ruleset"], row["ruleset_path"], row["seed"],
                             row["game_id"], json.dumps(row["settings"])))
            self.next[code] = 1

    def append(self, code: str, kind: str, data: dict) -> None:
        with self.lock:
            n = self.next[code]
            self.db.execute("INSERT INTO log VALUES (?, ?, ?, ?)", (code, n, kind, json.dumps(data)))
            self.next[code] = n + 1

    def last(self, code: str) -> int:
        return self.next.get(code, 1) - 1

    def snapshot(self, code: str, n: int, data: dict) -> None:
        text = json.dumps(data, separators=(",", ":"))
        with self.lock:
            self.db.execute("INSERT OR REPLACE INTO snapshots VALUES (?, ?, ?)", (code, n, text))

    def load(self) -> list[Stored]:
        out = []
        with self.lock:
            rows = self.db.execute("SELECT code, created, ruleset, ruleset_path, seed, game_id, settings "
                                   "FROM rooms ORDER BY created, code").fetchall()
            for code, created, ruleset, path, seed, gid, settings in rows:
                snap = self.db.execute("SELECT n, data FROM snapshots WHERE code = ?", (code,)).fetchone()
                log = [(n, k, json.loads(d)) for n, k, d in
                       self.db.execute("SELECT n, kind, data FROM log WHERE code = ? ORDER BY n", (code,))]
                out.append(Stored(code, {"created": created, "ruleset": ruleset, "ruleset_path": path, "seed": seed,
                                         "game_id": gid, "settings": json.loads(settings)},
                                  (snap[0], json.loads(snap[1])) if snap else None, log))
        return out

    def close(self) -> None:
        with self.lock:
            self.db.close()
