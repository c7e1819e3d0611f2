"""Damaged saves: every mutation of a real save is refused with a one-paragraph SaveError (or, when
the damage falls where it changes nothing of the game, loads a game equal to the original), and the
file is never changed. A process killed while saving always leaves a loadable save.

The default run samples; REDLINES_LONG_TESTS=1 truncates at every byte offset, flips many more
bits and kills many more saves. Counts are printed at the end of the module (pytest -s).
"""
from __future__ import annotations

import collections
import copy
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import play_steps
from game.rules.loader import load_ruleset
from game.saves import (
    VERSION, GameSession, SaveError, canonical_hash, first_difference, log_hash, ruleset_json, state_to_dict,
)

ROOT = Path(__file__).resolve().parent.parent
LONG = os.environ.get("REDLINES_LONG_TESTS") == "1"
RULESET = ROOT / "rulesets" / "brief-2025-short.yaml"
# Save fields that nothing can check against a replay: labels and free text. A change there loads,
# and the loaded game must still equal the original in everything else.
FREE = ("game_id", "reasons", "meta.created", "meta.updated", "meta.ruleset_path", "meta.teams", "meta.names",
        "meta.lang", "meta.options")

TALLY: collections.Counter = collections.Counter()


@pytest.fixture(scope="module", autouse=True)
def report_counts():
    yield
    if TALLY:
        print("\nsave fuzz counts:", dict(sorted(TALLY.items())))




@pytest.fixture(scope="module")
def game(tmp_path_factory):
    """A real save: the short classroom ruleset, one human and five bots, 90 steps into round 3."""
    rs = load_ruleset(RULESET)
    for seed in range(11, 60):  # the first seed whose game is still running after 90 moves
        s = GameSession.new(rs, "", seed, {"japan": "human"}, ruleset_path=str(RULESET), game_id="fuzz-11")
        play_steps(s, 90, seed=11)
        if not s.over and s.state.round >= 2:
            break
    assert not s.over and s.state.round >= 2
    path = s.save(tmp_path_factory.mktemp("orig") / "game.json")
    raw = path.read_bytes()
    return s, raw, json.loads(raw)


# ---------------------------------------------------------------- checking one damaged file


def diff_paths(a: object, b: object, path: str = "") -> list[str]:
    """Every place two JSON values differ, as 'key.key[i]' paths."""
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                out.append(f"{path}.{k}".lstrip("."))
            else:
                out += diff_paths(a[k], b[k], f"{path}.{k}")
        return out
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [p for i, (x, y) in enumerate(zip(a, b)) for p in diff_paths(x, y, f"{path}[{i}]")]
    same = a == b and type(a) is type(b)
    return [] if same else [path.lstrip(".") or "(top)"]


def same_game(loaded: GameSession, orig: GameSession, log_edited: bool = False) -> None:
    assert ruleset_json(loaded.ruleset) == ruleset_json(orig.ruleset)
    assert (loaded.seed, loaded.seats) == (orig.seed, orig.seats)
    assert first_difference(state_to_dict(loaded.state), state_to_dict(orig.state)) is None
    assert state_to_dict(loaded.state) == state_to_dict(orig.state)
    assert log_edited or (loaded.actions == orig.actions and loaded.events == orig.events)
    assert loaded.verify() is None


def one_paragraph(msg: str) -> None:
    assert msg and "\n" not in msg and "Traceback" not in msg and len(msg) < 1200, msg


def attempt(path: Path, data: bytes, game, expect: str | None = None, kind: str = "", free=FREE) -> str:
    """Write `data` at `path`, load it, and check the outcome; returns 'rejected' or 'accepted'.

    expect: a phrase the rejection must contain, 'accept' when the load must succeed, None when
    either is fine. An accepted load must give the original game, changed only in `free` fields.
    """
    orig, raw, orig_data = game
    path.write_bytes(data)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    try:
        loaded = GameSession.load(path)
    except SaveError as e:
        one_paragraph(str(e))
        assert expect != "accept", f"{kind}: refused: {e}"
        if expect:
            assert expect in str(e), f"{kind}: {e}"
        result = "rejected"
    else:
        assert expect in (None, "accept"), f"{kind}: loaded, expected a refusal with '{expect}'"
        same_game(loaded, orig, log_edited="actions" in free)
        changed = diff_paths(json.loads(data.decode("utf-8-sig")), orig_data)
        assert all(p.startswith(free) for p in changed), f"{kind}: accepted a change at {changed}"
        for p in changed:
            TALLY[f"(accepted change in {next(f for f in free if p.startswith(f))})"] += 1
        result = "accepted"
    assert path.read_bytes() == data, "the file was changed"
    assert path.stat().st_mtime_ns == 1_000_000_000, "the file's mtime was changed"
    TALLY[f"{kind} {result}"] += 1
    return result


def encode(d: object) -> bytes:
    return json.dumps(d, ensure_ascii=False).encode("utf-8")


def copied(d: dict) -> dict:
    """A copy to edit; the big embedded ruleset is shared, so edits must leave it alone."""
    return {k: v if k == "ruleset" else copy.deepcopy(v) for k, v in d.items()}


# ---------------------------------------------------------------- truncation, bit flips


def test_truncated_at_byte_offsets(game, tmp_path):
    _, raw, _ = game
    n = len(raw)
    if LONG:
        offsets = range(n)
    else:
        rnd = random.Random(7)
        # the edges, the ends of every top-level field, and a few hundred random cuts
        ends = [raw.find(f'\n "{k}":'.encode()) for k in game[2]]
        offsets = sorted({0, 1, 2, 3, n - 3, n - 2, n - 1, *[e for e in ends if e > 0],
                          *[e + 1 for e in ends if e > 0], *rnd.sample(range(n), 300)})
    path = tmp_path / "cut.json"
    for i in offsets:
        # only dropping the final newline leaves valid JSON
        expect = "accept" if i == n - 1 else "not a complete save file"
        attempt(path, raw[:i], game, expect, "truncated")


def test_random_bit_flips(game, tmp_path):
    _, raw, _ = game
    rnd = random.Random(13)
    path = tmp_path / "flip.json"
    counts = collections.Counter()
    for _ in range(5000 if LONG else 200):
        i = rnd.randrange(len(raw))
        data = bytearray(raw)
        data[i] ^= 1 << rnd.randrange(8)
        counts[attempt(path, bytes(data), game, None, "bit flip")] += 1
    assert counts["rejected"] > counts["accepted"]


def test_bit_flips_outside_the_ruleset(game, tmp_path):
    """The same, aimed at the 25% of the file that is not the embedded ruleset (log, snapshot, meta)."""
    _, raw, _ = game
    start = raw.find(b'\n "actions":')
    assert start > 0
    rnd = random.Random(17)
    path = tmp_path / "flip.json"
    for _ in range(3000 if LONG else 120):
        i = rnd.randrange(start, len(raw))
        data = bytearray(raw)
        data[i] ^= 1 << rnd.randrange(8)
        attempt(path, bytes(data), game, None, "bit flip (log, snapshot, meta)")


# ---------------------------------------------------------------- edited values


def _set(path: str, value):
    def change(d):
        *parents, last = path.split(".")
        for p in parents:
            d = d[int(p)] if isinstance(d, list) else d[p]
        if isinstance(d, list):
            d[int(last)] = value
        else:
            d[last] = value
    return change


def _drop(path: str):
    def change(d):
        *parents, last = path.split(".")
        for p in parents:
            d = d[int(p)] if isinstance(d, list) else d[p]
        del d[int(last) if isinstance(d, list) else last]
    return change


def _edits(d: dict) -> list[tuple[str, object, str]]:
    """(name, change, expected phrase or 'accept') for a save whose data is `d`."""
    snap = d["snapshot"]
    econ = snap["resources"]["japan"]["economy"]
    plays = [i for i, a in enumerate(d["actions"]) if a["kind"] == "play"]
    p = plays[len(plays) // 2]
    other_card = next(c["id"] for c in d["ruleset"]["cards"] if c["id"] != d["actions"][p]["card"])
    edits = [
        # a resource, a track, the round, the seed
        ("snapshot resource +1", _set("snapshot.resources.japan.economy", econ + 1), "snapshot does not match"),
        ("snapshot resource as text", _set("snapshot.resources.japan.economy", str(econ)), "snapshot does not match"),
        ("snapshot resource as float", _set("snapshot.resources.japan.economy", float(econ)),
         "snapshot does not match"),
        ("snapshot track", _set("snapshot.tracks.tension", snap["tracks"]["tension"] + 1), "snapshot does not match"),
        ("snapshot round", _set("snapshot.round", snap["round"] + 1), "snapshot does not match"),
        ("snapshot extra key", _set("snapshot.extra", 1), "snapshot does not match"),
        ("snapshot hand emptied", _set("snapshot.hands.china", []), "snapshot does not match"),
        ("meta round", _set("meta.round", d["meta"]["round"] + 1), "'meta.round'"),
        ("meta steps", _set("meta.steps", d["meta"]["steps"] - 1), "'meta.steps'"),
        ("meta phase", _set("meta.phase", "events"), "'meta.phase'"),
        ("meta over", _set("meta.over", True), "'meta.over'"),
        ("meta outcome", _set("meta.outcome", "war"), "'meta.outcome'"),
        ("meta ruleset name", _set("meta.ruleset_name", "Another"), "'meta.ruleset_name'"),
        ("meta round as text", _set("meta.round", str(d["meta"]["round"])), "meta.round"),
        ("seed +1", _set("seed", d["seed"] + 1), "cannot be loaded"),
        ("seed -1", _set("seed", -1), "cannot be loaded"),
        ("seed 2**80", _set("seed", 2 ** 80), "cannot be loaded"),
        ("seed as text", _set("seed", str(d["seed"])), "seed: Input should be a valid integer"),
        ("seed as float", _set("seed", float(d["seed"])), "seed: Input should be a valid integer"),
        ("seed missing", _drop("seed"), "seed: Field required"),
        # the log
        (f"action {p + 1} another card", _set(f"actions.{p}.card", other_card), "cannot be loaded"),
        (f"action {p + 1} another faction", _set(f"actions.{p}.faction", "eu" if d["actions"][p]["faction"] != "eu"
                                                 else "us"), "action log does not replay"),
        (f"action {p + 1} unknown kind", _set(f"actions.{p}.kind", "bribe"), "action log does not replay"),
        (f"action {p + 1} extra key", _set(f"actions.{p}.note", "x"), f"Action {p + 1} of the log is not a valid"),
        (f"action {p + 1} empty target", _set(f"actions.{p}.target", ""), f"Action {p + 1} of the log is not a valid"),
        (f"action {p + 1} card as number", _set(f"actions.{p}.card", 7), "action log does not replay"),
        (f"action {p + 1} not a dict", _set(f"actions.{p}", [1]), f"actions.{p}: Input should be a valid dictionary"),
        ("log hash kept", _set(f"actions.{p}.card", other_card), "does not match the log's SHA-256"),
        ("log hash zeroed", _set("actions_sha256", "0" * 64), "does not match the log's SHA-256"),
        ("log hash dropped", _drop("actions_sha256"), "does not match the log's SHA-256"),
        ("first action dropped", lambda d: d["actions"].pop(0), "cannot be loaded"),
        ("last action dropped", lambda d: d["actions"].pop(), "cannot be loaded"),
        ("last action doubled", lambda d: d["actions"].append(d["actions"][-1]), "cannot be loaded"),
        ("two actions swapped", lambda d: d["actions"].insert(p, d["actions"].pop(p + 1)), "cannot be loaded"),
        ("log emptied", _set("actions", []), "cannot be loaded"),
        # seats, ids, format
        ("seat changed", _set("seats.japan", "ai:hard"), "snapshot does not match"),
        ("seat unknown", _set("seats.japan", "robot"), "seats are wrong"),
        ("seat dropped", _drop("seats.eu"), "seats do not name every faction"),
        ("game id with a slash", _set("game_id", "a/b"), "game_id"),
        ("format", _set("format", "other-save"), "not a Red Lines save"),
        ("extra top-level key", _set("cheat", True), "cheat: Extra inputs are not permitted"),
        ("not an object", lambda d: d.clear(), "not a Red Lines save"),
        ("hash in capitals", _set("ruleset_sha256", d["ruleset_sha256"].upper()), "ruleset_sha256"),
        # versions
        ("newer version", _set("version", VERSION + 1), f"newer version of Red Lines (save format {VERSION + 1}"),
        ("much newer version", _set("version", 10 ** 30), "newer version"),
        ("version 0", _set("version", 0), "format version 0 is unknown"),
        ("version as text", _set("version", str(VERSION)), "format version is missing or not a number"),
        ("version as float", _set("version", float(VERSION)), "format version is missing or not a number"),
        ("version true", _set("version", True), "format version is missing or not a number"),
        # values nested too deep for the parser, or just deep enough to pass it
        # (see test_edited_values for DEEP and HUGE)
        ("deep reasons 100000", _set("reasons.0", "DEEP100000"), "not valid JSON"),
        ("deep reasons 900", _set("reasons.0", "DEEP900"), "cannot be loaded"),
        ("deep snapshot flag 900", _set("snapshot.flags.x", "DEEP900"), "cannot be loaded"),
        ("deep action 900", _set(f"actions.{p}.card", "DEEP900"), "cannot be loaded"),
        ("huge number", _set("snapshot.round", "HUGE"), "not valid JSON"),
        # free text: loads, and the game is the same
        ("game id", _set("game_id", "renamed-by-hand"), "accept"),
        ("reason text", _set("reasons.0", "edited reason"), "accept"),
        ("created", _set("meta.created", "yesterday"), "accept"),
        ("ruleset path", _set("meta.ruleset_path", "/elsewhere.yaml"), "accept"),
    ]
    return edits


def test_edited_values(game, tmp_path):
    _, _, orig_data = game
    path = tmp_path / "edited.json"
    for name, change, expect in _edits(orig_data):
        d = copied(orig_data)
        change(d)
        if not name.startswith("log hash") and isinstance(d.get("actions"), list):
            d["actions_sha256"] = log_hash(d["actions"])  # an edit made with care: the replay must catch it
        # a 5000-digit number (more digits than Python reads as an int), lists nested n deep
        data = encode(d).replace(b'"HUGE"', b"1" * 5000)
        for n in (900, 100_000):
            data = data.replace(f'"DEEP{n}"'.encode(), b"[" * n + b"0" + b"]" * n)
        attempt(path, data, game, expect, f"edit: {name}")


def test_lone_surrogate_is_refused(game, tmp_path):
    _, raw, _ = game
    text = raw.decode("utf-8")
    i = text.index('"reasons": [\n  "') + len('"reasons": [\n  "')
    data = (text[:i] + "\\ud800" + text[i:]).encode("utf-8")
    attempt(tmp_path / "s.json", data, game, "not valid Unicode", "edit: lone surrogate")


def test_random_edits_of_log_snapshot_and_meta(game, tmp_path):
    """Replace one value somewhere in the log, snapshot or meta with a value of another kind."""
    _, _, orig_data = game
    rnd = random.Random(21)
    values = [None, True, False, 0, -1, 1, 2 ** 63, 10 ** 30, 1.5, float("inf"), "", "x", "japan", [], {}, [1],
              {"a": 1}, "ai:hard"]
    path = tmp_path / "edit.json"

    def leaves(v, path=()):
        if isinstance(v, dict):
            for k, x in v.items():
                yield from leaves(x, (*path, k))
        elif isinstance(v, list):
            for i, x in enumerate(v):
                yield from leaves(x, (*path, i))
        yield path

    spots = [p for part in ("actions", "snapshot", "meta", "seats") for p in leaves(orig_data[part], (part,))]
    for _ in range(2000 if LONG else 80):
        d = copied(orig_data)
        where = rnd.choice(spots)
        parent = d
        for k in where[:-1]:
            parent = parent[k]
        new = rnd.choice(values)
        if parent[where[-1]] == new and type(parent[where[-1]]) is type(new):
            continue
        parent[where[-1]] = new
        # JSON has no infinity: Python writes 'Infinity', which json.loads reads back
        if where[0] == "actions" and rnd.random() < 0.5:
            # a careful edit, log hash redone: the replay must refuse it, or give the same state (a
            # rejected proposal's amount leaves no trace in the state: that is why the log has a hash)
            d["actions_sha256"] = log_hash(d["actions"])
            attempt(path, encode(d), game, None, "random edit, log hash redone", FREE + ("actions",))
        else:
            attempt(path, encode(d), game, None, "random edit")


# ---------------------------------------------------------------- the embedded ruleset


def test_swapped_ruleset(game, tmp_path):
    orig, _, orig_data = game
    full = ruleset_json(load_ruleset(ROOT / "rulesets" / "brief-2025.yaml"))
    path = tmp_path / "rs.json"

    def with_rs(ruleset, sha):
        d = copy.deepcopy(orig_data)
        d["ruleset"], d["ruleset_sha256"] = ruleset, sha
        return encode(d)

    cheap = copy.deepcopy(orig_data["ruleset"])
    cheap["factions"][0]["start"]["economy"] += 1
    renamed = copy.deepcopy(orig_data["ruleset"])
    renamed["cards"][0]["name"] = {"en": "Renamed", "ja": "改名"}
    hash_msg = "does not match the ruleset's SHA-256"
    attempt(path, with_rs(cheap, orig_data["ruleset_sha256"]), game, hash_msg, "ruleset edited, hash kept")
    attempt(path, with_rs(full, orig_data["ruleset_sha256"]), game, hash_msg, "ruleset swapped, hash kept")
    attempt(path, with_rs(orig_data["ruleset"], canonical_hash(full)), game, hash_msg, "hash swapped, ruleset kept")
    attempt(path, with_rs(orig_data["ruleset"], "0" * 64), game, hash_msg, "hash zeroed, ruleset kept")
    # both swapped together: the hash matches, so the replay is what catches it
    attempt(path, with_rs(full, canonical_hash(full)), game, "cannot be loaded", "ruleset and hash swapped")
    attempt(path, with_rs(cheap, canonical_hash(cheap)), game, "cannot be loaded", "ruleset edited, hash redone")
    # a ruleset edit that changes no rule, with the hash redone, is a deliberate edit: it loads with
    # the new name and an otherwise identical game
    path.write_bytes(with_rs(renamed, canonical_hash(renamed)))
    loaded = GameSession.load(path)
    assert ruleset_json(loaded.ruleset)["cards"][0]["name"]["en"] == "Renamed"
    assert loaded.actions == orig.actions and state_to_dict(loaded.state) == state_to_dict(orig.state)
    TALLY["ruleset renamed, hash redone accepted"] += 1


# ---------------------------------------------------------------- paths and encodings


def test_paths_that_are_not_save_files(game, tmp_path):
    _, raw, _ = game
    folder = tmp_path / "folder.json"
    folder.mkdir()
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    under_file = tmp_path / "file"
    under_file.write_text("x")
    cases = [(folder, "is a folder"), (fifo, "not a regular file"), (Path("/dev/zero"), "not a regular file"),
             (loop, "Could not read"), (under_file / "g.json", "Could not read"),
             (tmp_path / "missing.json", "There is no save file")]
    for p, words in cases:
        with pytest.raises(SaveError) as e:
            GameSession.load(p)
        one_paragraph(str(e.value))
        assert words in str(e.value)
        TALLY["path rejected"] += 1
    assert folder.is_dir() and list(folder.iterdir()) == [] and not (tmp_path / "missing.json").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(game, tmp_path):
    _, raw, _ = game
    p = tmp_path / "locked.json"
    p.write_bytes(raw)
    p.chmod(0)
    try:
        with pytest.raises(SaveError, match="Could not read .*Permission denied"):
            GameSession.load(p)
    finally:
        p.chmod(0o600)
    assert p.read_bytes() == raw
    TALLY["path rejected"] += 1


def test_encodings(game, tmp_path):
    _, raw, _ = game
    text = raw.decode("utf-8")
    path = tmp_path / "enc.json"
    attempt(path, b"", game, "not a complete save file", "encoding: empty")
    attempt(path, b"\n", game, "not a complete save file", "encoding: newline only")
    attempt(path, text.encode("utf-16"), game, "not a complete save file", "encoding: utf-16")
    attempt(path, text.encode("euc-jp", "replace"), game, "not a complete save file", "encoding: euc-jp")
    attempt(path, text.encode("cp1252", "replace"), game, "not a complete save file", "encoding: cp1252")
    ja = raw.index("レ".encode())
    attempt(path, raw[:ja] + b"\xff" + raw[ja + 1:], game, "not a complete save file", "encoding: bad byte")
    attempt(path, raw[:ja] + raw[ja + 1:], game, "not a complete save file", "encoding: cut character")
    attempt(path, b"\x00" * 4096, game, "not a complete save file", "encoding: zeros")
    attempt(path, os.urandom(0) + bytes(range(256)) * 64, game, "not a complete save file", "encoding: binary")
    # a byte order mark that an editor added is not damage
    attempt(path, b"\xef\xbb\xbf" + raw, game, "accept", "encoding: utf-8 with BOM")
    attempt(path, raw.replace(b"\n", b"\r\n"), game, "accept", "encoding: CRLF line ends")


# ---------------------------------------------------------------- the command line


def test_cli_verify_refuses_damaged_saves(game, tmp_path):
    _, raw, orig_data = game
    d = copied(orig_data)
    d["snapshot"]["resources"]["japan"]["economy"] += 1
    newer = copied(orig_data)
    newer["version"] = VERSION + 1
    meta = copied(orig_data)
    meta["meta"]["round"] += 1
    flip = bytearray(raw)
    flip[raw.index(b'"snapshot"') + 2] ^= 0x20
    cases = {"truncated": raw[: len(raw) // 3], "bit-flip": bytes(flip), "resource": encode(d),
             "newer": encode(newer), "meta": encode(meta), "folder": None}
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    runs = {}
    for name, data in cases.items():
        p = tmp_path / f"{name}.json"
        if data is None:
            p.mkdir()
        else:
            p.write_bytes(data)
            os.utime(p, ns=(1_000_000_000, 1_000_000_000))
        runs[name] = (p, subprocess.Popen([sys.executable, "-m", "game", "replay", str(p), "--verify"], cwd=ROOT,
                                          env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                          stderr=subprocess.PIPE, text=True))
    for name, (p, proc) in runs.items():
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 1, (name, out, err)
        assert "Traceback" not in err + out and err.strip() and "\n" not in err.strip(), (name, err)
        if cases[name] is not None:
            assert p.read_bytes() == cases[name] and p.stat().st_mtime_ns == 1_000_000_000
        TALLY["cli rejected"] += 1


# ---------------------------------------------------------------- killed while saving

CHILD = r"""
import sys
from game.ai.random_bot import RandomBot
from game.saves import GameSession
s = GameSession.load(sys.argv[1])
bots = {}
while not s.over:
    f = s.decider()
    bot = bots.setdefault(f, RandomBot(len(bots)))
    s.apply(*bot.choose(s.state, f))
    s.save(sys.argv[1])
    print(s.steps, flush=True)
"""


def test_killed_while_saving_leaves_a_loadable_save(game, tmp_path):
    """A process saves after every move; SIGKILL at random moments; the file always loads."""
    orig, raw, _ = game
    path = tmp_path / "g.json"
    path.write_bytes(raw)
    rnd = random.Random(5)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    rounds = 200 if LONG else 6
    for _ in range(rounds):
        proc = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], cwd=ROOT, env=env,
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                text=True)
        first = proc.stdout.readline()  # one save done: now it is saving in a loop
        assert first.strip(), "the saving process did not start"
        time.sleep(rnd.uniform(0, 0.5))
        proc.send_signal(signal.SIGKILL)
        rest = proc.stdout.read()
        proc.wait()
        done = [int(x) for x in (first + rest).split()]
        loaded = GameSession.load(path)
        # the last save it reported, or one that finished just before it could report it
        assert loaded.steps in (done[-1], done[-1] + 1)
        assert loaded.verify() is None and loaded.actions[:len(orig.actions)] == orig.actions
        if loaded.over:  # start again from the fixture's game
            path.write_bytes(raw)
        TALLY["kill during save rounds"] += 1
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "g.json"]
    TALLY["kill leftover temp files"] += len(leftovers)
    assert all(n.startswith(".g.json.") and n.endswith(".tmp") for n in leftovers)
