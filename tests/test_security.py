"""Hostile files: rulesets cannot run code or exhaust memory; saves cannot make the game read or write elsewhere.

What is real: a ruleset is YAML read by a SafeLoader subclass that builds only plain scalars (tags are
refused), with a 2 MiB size limit, an alias expansion limit and a nesting limit. A variant's `extends:`
names another ruleset file relative to the variant's folder; `..` and absolute paths are allowed on
purpose (the person loading the variant chose it) and only regular files are opened. A save is JSON
that embeds the whole merged ruleset (no `extends`, no path is followed); `meta.ruleset_path` is
information only, and `game_id`, which names autosaves, is limited to letters, digits, '-' and '_'.
File opens are observed with an audit hook (sys.addaudithook), so "opened nothing else" is checked
on what the interpreter actually opened.
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tracemalloc
from contextlib import contextmanager
from pathlib import Path

import pytest

from game.ai.random_bot import RandomBot
from game.rules.errors import RulesetError
from game.rules.loader import load_ruleset, load_ruleset_text
from game.saves import GameSession, SaveError, canonical_hash, read_save_json

ROOT = Path(__file__).resolve().parent.parent
MEMORY_LIMIT = 200 * 2**20  # bytes: the same limit as the fuzz run

_opened: list[str] | None = None


def _audit(event: str, args: tuple) -> None:
    if _opened is not None and event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        _opened.append(os.path.realpath(os.fsdecode(args[0])))


sys.addaudithook(_audit)  # cannot be removed; records only inside `opened_files()`


@contextmanager
def opened_files():
    """Collects the real paths of every file opened in the block."""
    global _opened
    _opened = []
    try:
        yield _opened
    finally:
        _opened = None


@contextmanager
def peak_memory():
    """Yields a dict whose 'peak' is tracemalloc's peak in bytes after the block."""
    out = {}
    tracemalloc.start()
    try:
        yield out
    finally:
        out["peak"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()


def refused(text: str | bytes, filename: str = "evil.yaml") -> RulesetError:
    with pytest.raises(RulesetError) as info:
        load_ruleset_text(text, filename)
    assert "Traceback" not in str(info.value)
    return info.value


# ---------------------------------------------------------------- YAML tags: no code runs


PAYLOADS = [
    "!!python/object/apply:os.system ['touch {s}']",
    "!!python/object/apply:subprocess.check_call [['touch', '{s}']]",
    "!!python/object/new:os.system ['touch {s}']",
    "!!python/name:os.system",
    "!!python/module:os",
    "!!python/object:builtins.object {{}}",
    "!!binary aGVsbG8=",
    "!!set {{a, b}}",
    "!!omap [a: 1]",
    "!local {{x: 1}}",
]


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("where", ["value", "key", "top", "merge", "list"])
def test_python_tags_are_refused_and_never_run(payload, where, tmp_path, monkeypatch):
    sentinel = tmp_path / "pwned"
    tag = payload.format(s=sentinel)
    text = {
        "value": f"name: x\nfactions:\n  - id: a\n    name: {tag}\n",
        "key": f"name: x\n? {tag}\n: 1\n",
        "top": f"{tag}\n",
        "merge": f"name: x\nbase: &b {{k: {tag}}}\nturn:\n  <<: *b\n",
        "list": f"name: x\ncards:\n  - {tag}\n",
    }[where]
    calls = []
    monkeypatch.setattr(os, "system", lambda *a: calls.append(a))
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **k: calls.append(a))
    err = refused(text)
    assert not sentinel.exists() and calls == []
    line = next(i for i, row in enumerate(text.splitlines(), 1) if tag.split()[0] in row)
    assert any(e.line == line for e in err.errors), str(err)  # located where the tag is written
    if where in ("value", "list"):
        assert "is not allowed: a ruleset holds only plain data" in str(err)


def test_tags_in_a_variant_and_through_the_command_line(tmp_path):
    sentinel = tmp_path / "pwned"
    base = ROOT / "rulesets" / "brief-2025.yaml"
    variant = tmp_path / "variant.yaml"
    variant.write_text(f"extends: {base}\nname: !!python/object/apply:os.system ['touch {sentinel}']\n",
                       encoding="utf-8")
    with pytest.raises(RulesetError) as info:
        load_ruleset(variant)
    assert info.value.errors[0].line == 2 and "not allowed" in info.value.errors[0].message
    r = subprocess.run([sys.executable, "-m", "game", "validate", str(variant)], capture_output=True, text=True,
                       env=dict(os.environ, PYTHONPATH=str(ROOT)), cwd=tmp_path, timeout=120)
    assert r.returncode == 1 and f"{variant}:2:7:" in r.stdout and "Traceback" not in r.stdout + r.stderr
    assert not sentinel.exists()


# ---------------------------------------------------------------- memory: alias bombs, huge and deep files


def billion_laughs(levels: int = 9) -> str:
    rows = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels + 1):
        rows.append(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]")
    return "name: x\n" + "\n".join(rows) + "\n"


def max_rss() -> int:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss if sys.platform == "darwin" else rss * 1024


def test_alias_bombs_are_refused_within_the_memory_limit():
    """Measured as the growth of the process's peak memory (tracemalloc would make this 5x slower;
    traced by hand: 51 MiB for the sequences, 83 MiB for the mappings, both under 2 s of CPU)."""
    before = max_rss()
    err = refused(billion_laughs())
    assert "alias bomb" in str(err) and err.errors[0].line == 6
    # the same with mappings, each level holding the previous one nine times
    err = refused("name: x\nm0: &m0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9}\n" + "".join(
        f"m{i}: &m{i} {{{', '.join(f'k{j}: *m{i - 1}' for j in range(9))}}}\n" for i in range(1, 10)))
    assert "alias bomb" in str(err)
    assert max_rss() - before < MEMORY_LIMIT


def test_alias_loops_are_refused():
    err = refused("name: x\nloop: &a [1, *a]\n")
    assert "never end" in str(err) and err.errors[0].line == 2


def test_huge_files_are_refused_unread(tmp_path):
    huge = tmp_path / "huge.yaml"
    with open(huge, "wb") as f:
        f.truncate(4 * 2**30)  # 4 GiB, sparse: nothing is written to disk
    with peak_memory() as mem:
        with pytest.raises(RulesetError) as info:
            load_ruleset(huge)
    assert "4.0 MiB" not in str(info.value) and "the limit is 2 MiB" in str(info.value)
    assert mem["peak"] < 2**20  # not one MiB was read
    variant = tmp_path / "variant.yaml"
    variant.write_text("extends: huge.yaml\nname: v\n", encoding="utf-8")
    with pytest.raises(RulesetError, match="limit is 2 MiB"):
        load_ruleset(variant)
    with peak_memory() as mem:
        err = refused(b"# padding\n" * 300_000)
    assert "the limit is 2 MiB" in str(err) and mem["peak"] < MEMORY_LIMIT / 4


@pytest.mark.parametrize("opening", ["[", "{a: ", "- "])
def test_deep_nesting_is_refused(opening):
    with peak_memory() as mem:
        err = refused("name: x\nk: " + opening * 5000)
    assert mem["peak"] < MEMORY_LIMIT / 4
    assert "nested more than 100 levels" in str(err) or "syntax" in str(err)
    # just past the limit of 100 levels, and valid YAML: refused by the loader, not by a crash
    assert "more than 100 levels" in str(refused("name: x\nk: " + "[" * 102 + "]" * 102 + "\n"))


def test_a_million_levels_do_not_crash_the_interpreter(tmp_path):
    """libyaml's composer is C: a stack overflow there would kill the process, so run it in one."""
    deep = tmp_path / "deep.yaml"
    deep.write_text("name: x\nk: " + "[" * 1_000_000 + "\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "game", "validate", str(deep)], capture_output=True, text=True,
                       env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=120)
    assert r.returncode == 1 and "deep.yaml:2:" in r.stdout and "nested more than 100 levels" in r.stdout, \
        (r.returncode, r.stdout, r.stderr[-2000:])


# ---------------------------------------------------------------- extends: which files are read


def test_extends_reads_the_named_base_and_nothing_else(tmp_path):
    base = tmp_path / "base.yaml"
    base.write_bytes((ROOT / "rulesets" / "brief-2025.yaml").read_bytes())
    sub = tmp_path / "sub"
    sub.mkdir()
    variant = sub / "variant.yaml"
    variant.write_text("extends: ../base.yaml\nturn: {rounds: 3}\n", encoding="utf-8")
    with opened_files() as opened:
        rs = load_ruleset(variant)
    assert rs.turn.rounds == 3
    assert sorted(opened) == sorted({os.path.realpath(variant), os.path.realpath(base)})


def test_extends_of_a_file_that_is_not_a_ruleset_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("password\n", encoding="utf-8")
    variant = tmp_path / "variant.yaml"
    variant.write_text(f"extends: {secret}\n", encoding="utf-8")
    with pytest.raises(RulesetError) as info:
        load_ruleset(variant)
    # the message points at the base file; as for any ruleset, it may quote the value it found there
    assert all(e.file in (str(variant), str(secret)) for e in info.value.errors)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_extends_of_a_named_pipe_or_device_does_not_wait(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    for target in (fifo, Path("/dev/zero")):
        variant = tmp_path / "variant.yaml"
        variant.write_text(f"extends: {target}\n", encoding="utf-8")
        code = ("import sys; from game.rules.loader import load_ruleset; from game.rules.errors import RulesetError\n"
                f"try: load_ruleset({str(variant)!r})\nexcept RulesetError as e: print(e); sys.exit(1)")
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                           env=dict(os.environ, PYTHONPATH=str(ROOT)))
        assert r.returncode == 1 and "not a regular file" in r.stdout, r.stdout + r.stderr


# ---------------------------------------------------------------- saves: no path inside a save is followed


@pytest.fixture
def saved(small, tmp_path) -> Path:
    session = GameSession.new(small, "", 5, {"host": "human"}, game_id="sec-5", ruleset_path="rules.yaml")
    bot = RandomBot(5)
    for _ in range(12):
        action, reason = bot.choose(session.state, session.decider())
        session.apply(action, reason)
    path = tmp_path / "saves" / "game.json"
    session.save(path)
    return path


def edit(path: Path, change) -> Path:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    out = path.with_name("edited.json")
    out.write_text(json.dumps(data), encoding="utf-8")
    return out


def test_loading_a_save_opens_only_the_save(saved, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("name: secret\n", encoding="utf-8")
    for path in ("../../../../../../etc/passwd", str(secret), "../secret.yaml"):
        edited = edit(saved, lambda d: d["meta"].__setitem__("ruleset_path", path))
        with opened_files() as opened:
            session = GameSession.load(edited)
        assert opened == [os.path.realpath(edited)]
        assert session.ruleset_path == path  # kept as information, never opened


def test_an_embedded_ruleset_cannot_extend_a_file(saved, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("name: secret\n", encoding="utf-8")

    def add_extends(d):
        d["ruleset"]["extends"] = str(secret)
        d["ruleset_sha256"] = canonical_hash(d["ruleset"])  # a careful forger fixes the hash too
    edited = edit(saved, add_extends)
    with opened_files() as opened:
        with pytest.raises(SaveError, match="embedded ruleset is not valid"):
            GameSession.load(edited)
    assert opened == [os.path.realpath(edited)]


@pytest.mark.parametrize("game_id", ["../../outside", "/tmp/x", "a/b", "..", ".hidden", "x" * 65, "nul\u0000"])
def test_a_game_id_cannot_move_autosaves_out_of_their_folder(saved, game_id):
    edited = edit(saved, lambda d: d.__setitem__("game_id", game_id))
    with pytest.raises(SaveError, match="game_id"):
        GameSession.load(edited)


def test_autosaves_and_saves_stay_where_they_are_put(saved, tmp_path):
    session = GameSession.load(saved)
    folder = tmp_path / "autosaves"
    before = set(tmp_path.rglob("*"))
    written = session.autosave(folder)
    assert written.parent == folder and set(tmp_path.rglob("*")) - before == {folder, written}


def test_a_deeply_nested_save_is_refused_with_a_message(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(SaveError):
        read_save_json(deep)
