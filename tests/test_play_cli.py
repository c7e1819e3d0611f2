"""`python -m game play` and `replay` end to end: piped input, hand-offs, saves, resume, errors."""
from __future__ import annotations

import copy
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import small_ruleset_dict
from game.cli.play import TerminalGame, load_ruleset_file, parse_seats
from game.cli.terminal import Style
from game.rules.schema import Ruleset
from game.saves import GameSession

ROOT = Path(__file__).resolve().parent.parent
SAVED = re.compile(r"(?:Saved to|saved to) (\S+\.json)")


def six_ruleset_dict() -> dict:
    """The small ruleset with three more factions (japan among them): one human against five AIs."""
    d = copy.deepcopy(small_ruleset_dict())
    base = d["factions"][0]
    for fid, name, colour in (("japan", "Japan", "#d7263d"), ("asean", "ASEAN", "#2a9d8f"), ("eu", "EU", "#264653")):
        f = copy.deepcopy(base)
        f.update(id=fid, name=name, color=colour)
        d["factions"].append(f)
    d["turn"]["rounds"] = 2
    return d


@pytest.fixture
def files(tmp_path) -> dict[str, Path]:
    small = tmp_path / "small.yaml"
    small.write_text(yaml.safe_dump(small_ruleset_dict(), sort_keys=False), encoding="utf-8")
    six = tmp_path / "six.yaml"
    six.write_text(yaml.safe_dump(six_ruleset_dict(), sort_keys=False), encoding="utf-8")
    return {"small": small, "six": six, "saves": tmp_path / "saves", "tmp": tmp_path}


def cli(args: list[str], lines: str = "", env: dict | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    e = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    e.pop("REDLINES_SAVES", None)
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "game", *args], input=lines, capture_output=True, text=True,
                          env=e, cwd=cwd, timeout=120)


def main_(args: list[str], capsys, lines: str = "", monkeypatch=None) -> tuple[int, str, str]:
    """Run the command line in this process (fast); returns (exit code, stdout, stderr)."""
    from game.cli.main import main
    if monkeypatch is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    capsys.readouterr()
    rc = main(args)
    out, err = capsys.readouterr()
    return rc, out, err


def saved_path(out: str, base: Path = ROOT) -> Path:
    paths = SAVED.findall(out)
    assert paths, out[-2000:]
    p = Path(paths[-1])
    return p if p.is_absolute() else base / p


def assert_end_screen(out: str) -> None:
    assert "══ The game is over ══" in out
    assert "Ranking:" in out and "The table's shared result:" in out
    assert re.search(r"final Tension: \d+/10", out) and re.search(r"final International Rules: \d+/10", out)
    assert ("Peace was kept." in out) or ("WAR" in out)


# ---------------------------------------------------------------- whole games through the command line


def test_one_human_against_five_ais_to_the_end_then_replay_verify(files):
    r = cli(["play", "--ruleset", str(files["six"]), "--seed", "5", "--saves-dir", str(files["saves"])], "1\n" * 3000)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr + r.stdout
    out = r.stdout
    assert out.startswith("Red Lines — Small\nSeed 5 (replay the same game with --seed 5)\n")
    assert "human seats: Japan\n" in out
    assert "Japan> 1" in out and "Host>" not in out  # only Japan is asked
    assert "Pass to" not in out  # one human: no hand-off screens
    assert_end_screen(out)
    for name in ("Host", "Patron", "Rival", "Japan", "ASEAN", "EU"):
        assert re.search(rf"^  \d\. {name}\s+-?\d+\.\d$", out, re.M), name
    save = saved_path(out)
    assert save.parent == files["saves"] and save.name.startswith("autosave-")
    data = json.loads(save.read_text(encoding="utf-8"))
    assert data["meta"]["over"] and data["seats"]["japan"] == "human"
    assert sum(1 for s in data["seats"].values() if s.startswith("ai:")) == 5
    v = cli(["replay", str(save), "--verify"])
    assert v.returncode == 0, v.stderr
    assert "The replayed state equals the saved snapshot." in v.stdout


def test_the_default_short_scenario_fed_only_ones(files):
    path = ROOT / "rulesets" / "brief-2025-short.yaml"
    try:
        load_ruleset_file(str(path))
    except ValueError:
        pytest.skip("rulesets/brief-2025-short.yaml is not available yet")
    r = cli(["play", "--ruleset", "rulesets/brief-2025-short.yaml", "--seed", "5"], "1\n" * 5000,
            env={"REDLINES_SAVES": str(files["saves"])})
    assert r.returncode == 0, r.stderr[-2000:]
    assert_end_screen(r.stdout)
    save = saved_path(r.stdout)
    assert save.parent == files["saves"]
    v = cli(["replay", str(save), "--verify"])
    assert v.returncode == 0, v.stderr


def test_two_human_seats_cross_hand_offs(files):
    r = cli(["play", "--ruleset", str(files["small"]), "--seed", "2", "--seat", "host=human", "--seat",
             "patron=human", "--saves-dir", str(files["saves"])], "1\n" * 3000)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "human seats: Host, Patron" in out
    assert "Pass to Host — press Enter when ready" in out
    assert "Pass to Patron — press Enter when ready" in out
    # every change of human seat goes through a hand-off: between two prompts of different
    # seats there is always a hand-off line
    last = None
    for line in out.splitlines():
        m = re.match(r"^(Host|Patron)> ", line)
        h = re.match(r"^Pass to (Host|Patron) — press Enter when ready", line)
        if h:
            last = h.group(1)
        elif m:
            assert m.group(1) == last, line
    assert_end_screen(out)


def test_end_of_input_saves_then_resume_and_finish(files):
    env = {"REDLINES_SAVES": str(files["saves"])}
    r = cli(["play", "--ruleset", str(files["small"]), "--seed", "7", "--seat", "host=human"], "1\n1\n1\n", env=env)
    assert r.returncode == 0, r.stderr
    m = re.search(r"End of input: the game was saved to (\S+)\. Resume with: python -m game play --load (\S+)", r.stdout)
    assert m and m.group(1) == m.group(2)
    save = Path(m.group(1))
    assert save.parent == files["saves"]
    steps = json.loads(save.read_text(encoding="utf-8"))["meta"]["steps"]
    assert steps >= 3 and not json.loads(save.read_text(encoding="utf-8"))["meta"]["over"]
    r2 = cli(["play", "--load", str(save)], "1\n" * 3000, env=env)
    assert r2.returncode == 0, r2.stderr
    assert "Resumed at round" in r2.stdout and f"step {steps}." in r2.stdout
    assert_end_screen(r2.stdout)
    assert saved_path(r2.stdout) == save  # the same game keeps its autosave file
    # the resumed game is the same game as one played straight through with the same moves
    done = GameSession.load(save)
    assert done.over and done.actions[:steps] == GameSession.load(save).actions[:steps]
    assert cli(["replay", str(save), "--verify"]).returncode == 0
    # loading a finished game shows the end screen again
    r3 = cli(["play", "--load", str(save)], "", env=env)
    assert r3.returncode == 0 and "══ The game is over ══" in r3.stdout


# ---------------------------------------------------------------- errors never show a traceback


def test_bad_saves_exit_1_with_a_message_and_are_left_alone(files, capsys, monkeypatch):
    rc, out, err = main_(["play", "--ruleset", str(files["small"]), "--seed", "1", "--saves-dir",
                          str(files["saves"]), "--seat", "host=human"], capsys, "1\n" * 5, monkeypatch)
    assert rc == 0
    save = saved_path(out)
    raw = save.read_bytes()
    cases = {
        "truncated": raw[: len(raw) // 3],
        "future": json.dumps(dict(json.loads(raw), version=99)).encode(),
        "tampered": raw.replace(b'"seed": 1,', b'"seed": 2,', 1),
    }
    for name, content in cases.items():
        p = files["tmp"] / f"{name}.json"
        p.write_bytes(content)
        for args in (["play", "--load", str(p)], ["replay", str(p), "--verify"]):
            rc, out, err = main_(args, capsys)
            assert rc == 1, (name, args, out)
            assert err.strip() and err.count("\n") == 1, err  # one paragraph
            assert p.read_bytes() == content
    assert "newer version" in main_(["replay", str(files["tmp"] / "future.json")], capsys)[2]
    rc, out, err = main_(["play", "--load", str(files["tmp"] / "none.json")], capsys)
    assert rc == 1 and "There is no save file" in err
    # and through a real process: a message, never a traceback
    res = cli(["play", "--load", str(files["tmp"] / "truncated.json")])
    assert res.returncode == 1 and "not a complete save file" in res.stderr and "Traceback" not in res.stderr


def test_replay_step_and_snapshot_mismatch(files, capsys, monkeypatch):
    rc, out, err = main_(["play", "--ruleset", str(files["small"]), "--seed", "3", "--saves-dir",
                          str(files["saves"])], capsys, "1\n" * 8, monkeypatch)
    save = saved_path(out)
    rc, out, err = main_(["replay", str(save), "--step"], capsys)
    assert rc == 0
    assert out.startswith("[0] setup\n    Round 1\n")
    assert re.search(r"^\[1\] \w+ ", out, re.M)
    data = json.loads(save.read_text(encoding="utf-8"))
    data["snapshot"]["tracks"]["tension"] = 9
    bad = files["tmp"] / "edited.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    rc, out, err = main_(["replay", str(bad), "--verify"], capsys)
    assert rc == 1 and "snapshot" in err and "tracks.tension" in err


def test_bad_arguments(files, capsys):
    rc, out, err = main_(["play", "--ruleset", str(files["small"]), "--seat", "mars=human"], capsys)
    assert rc == 2 and "there is no faction 'mars'" in err
    rc, out, err = main_(["play", "--ruleset", str(files["small"]), "--seat", "host=robot"], capsys)
    assert rc == 2 and "human, ai, ai:easy" in err
    rc, out, err = main_(["play", "--ruleset", str(files["tmp"] / "missing.yaml")], capsys)
    assert rc == 1 and "There is no ruleset file" in err


def test_parse_seats():
    fs = ["japan", "us", "china"]
    assert parse_seats(None, fs) == {"japan": "human"}
    assert parse_seats(None, ["a", "b"]) == {"a": "human"}
    assert parse_seats(["us=ai:hard", "china=AI", "japan=human"], fs) == \
        {"us": "ai:hard", "china": "ai:normal", "japan": "human"}
    with pytest.raises(ValueError, match="FACTION=human"):
        parse_seats(["japan"], fs)


# ---------------------------------------------------------------- commands, in process


def run_game(ruleset: Ruleset, lines: str, seed: int = 5, seats=None, saves: Path | None = None):
    s = GameSession.new(ruleset, "", seed, seats or {"host": "human"}, game_id=f"t{seed}")
    s.autosave_dir = str(saves) if saves else None
    out = io.StringIO()
    game = TerminalGame(s, "en", Style(False), io.StringIO(lines), out)
    if saves:
        game.saves_dir = str(saves)
    rc = game.play()
    return rc, out.getvalue(), s


def test_commands_help_state_log_save_quit(small, tmp_path):
    manual = tmp_path / "elsewhere" / "manual.json"
    rc, out, s = run_game(small, f"help\nstate\nlog\n99\nsave {manual}\nquit\n", saves=tmp_path / "saves")
    assert rc == 0
    assert "  undo          take back your last action" in out
    assert out.count("══ Round 1/3 · Negotiation ══") == 2  # the view, then `state`
    assert "Event: " in out.split("Host> log")[1]  # the log shows recent events
    assert "Type a number from 1 to 2, or 'help'." in out
    assert f"Saved to {manual}" in out
    assert GameSession.load(manual).steps == s.steps
    assert f"Game saved to {tmp_path / 'saves' / 'autosave-t5.json'}." in out


def test_view_shows_only_the_human_factions_hand(small):
    rc, out, s = run_game(small, "quit\n", saves=None)
    view = out.split("Your hand:")[1].split("Your options:")[0]
    names = {small.cards[i].id: small.cards[i].name for i in range(len(small.cards))}
    assert [line.split(" [")[0].strip("- ").strip() for line in view.strip().splitlines()[:-1]] == \
        [names[c] for c in s.state.hand("host")]
    assert "Tension" in out and re.search(r"Tension\s+\[[#-]{10}\] \d+/10", out)
    assert "Trust: Patron +0, Rival +0" in out


def test_undo_through_the_terminal(small, tmp_path):
    rc, out, s = run_game(small, "1\nundo\nquit\n", saves=tmp_path)
    assert rc == 0
    assert re.search(r"Took back your pass( and the (\d+ AI moves|AI move) after it)?\.", out)
    assert s.decider() == "host" and s.state.phase == "negotiation"
    assert all(a["faction"] != "host" for a in s.actions)  # host's pass was taken back
    rc, out, s = run_game(small, "undo\nquit\n", saves=tmp_path)
    assert "Nothing to undo" in out


def test_compose_a_proposal_step_by_step(small, tmp_path):
    # 2 = propose; recipient 1 (Patron); term 1 = give; giver 1 (Host); resource 1 (Economy);
    # amount 2; receiver 1 (Patron); 4 = done; 1 = send
    rc, out, s = run_game(small, "2\n1\n1\n1\n1\n2\n1\n4\n1\nquit\n", saves=tmp_path)
    assert rc == 0
    assert "Preview of the proposal to Patron:\n  Host: gives: 2 Economy → Patron\n  Patron: nothing" in out
    assert "   4. done: preview and send" in out
    sent = [a for a in s.actions if a["kind"] == "propose"]
    assert sent[0] == {"kind": "propose", "faction": "host", "proposal": {
        "recipients": ["patron"], "terms": [{"kind": "give", "a": "host", "what": "economy", "b": "patron",
                                             "amount": 2}]}}
    assert "Host proposes to Patron: Host gives Patron 2 Economy." in out


def test_compose_can_be_cancelled(small, tmp_path):
    rc, out, s = run_game(small, "2\n0\n1\nquit\n", saves=tmp_path)
    assert "Proposal cancelled." in out
    assert s.actions and not any(a["kind"] == "propose" and a["faction"] == "host" for a in s.actions)


def test_japanese_terminal_has_every_string_with_the_same_placeholders():
    from string import Formatter

    from game.cli.terminal import UI

    def fields(text):
        return {f for _, f, _, _ in Formatter().parse(text) if f}
    assert set(UI["ja"]) == set(UI["en"])
    assert {k for k in UI["en"] if fields(UI["en"][k]) != fields(UI["ja"][k])} == set()


def test_japanese_game_speaks_japanese(small, tmp_path):
    s = GameSession.new(small, "", 5, {"host": "human"}, game_id="tja")
    out = io.StringIO()
    TerminalGame(s, "ja", Style(False), io.StringIO("help\nquit\n"), out).play()
    text = out.getvalue()
    assert "第1/3ラウンド" in text and "選択肢" in text and "この説明" in text
    for english in ("Your options", "Your hand", "Round 1/3", "Tracks", "human seats"):
        assert english not in text
    import re
    assert "選択肢：" in text and "手札：" in text
    assert not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]:", text), "a Japanese heading with an ASCII colon"
