"""`python -m game simulate`: the report's shape, reproducibility whatever --jobs, errors in plain words."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import small_ruleset_dict
from game.cli.main import main
from game.sim.runner import game_seed, run
from game.sim.stats import report

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def small_file(tmp_path):
    p = tmp_path / "small.yaml"
    p.write_text(yaml.safe_dump(small_ruleset_dict(), allow_unicode=True), encoding="utf-8")
    return str(p)


def _json(capsys, *argv):
    assert main(["simulate", *argv]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_report_has_the_documented_keys(small_file, capsys):
    rep = _json(capsys, "--ruleset", small_file, "--games", "6", "--seed", "3", "--jobs", "1", "--json")
    for key in ("games", "seed", "war_rate", "wins", "mean_tension", "mean_rules", "mean_rounds",
                "mean_actions", "cards", "timing", "warnings", "war_by"):
        assert key in rep
    assert rep["games"] == 6 and rep["seed"] == 3
    assert set(rep["wins"]) == {"host", "patron", "rival"}
    assert sum(rep["wins"].values()) + rep["war_rate"] == pytest.approx(1.0, abs=1e-3)
    assert rep["timing"]["seconds"] > 0
    assert set(rep["cards"]) == {c["id"] for c in small_ruleset_dict()["cards"]}


def test_same_arguments_same_json_whatever_jobs(small_file, capsys):
    args = ["--ruleset", small_file, "--games", "8", "--seed", "5", "--bot", "easy", "--json"]
    one = _json(capsys, *args, "--jobs", "1")
    two = _json(capsys, *args, "--jobs", "2")
    one.pop("timing"), two.pop("timing")
    assert one == two


def test_per_seat_levels_and_csv(small_file, tmp_path, capsys):
    out = tmp_path / "games.csv"
    rep = _json(capsys, "--ruleset", small_file, "--games", "3", "--jobs", "1", "--bot", "random",
                "--seat", "host=normal", "--json", "--out", str(out))
    assert rep["seats"] == {"host": "normal", "patron": "random", "rival": "random"}
    rows = out.read_text().splitlines()
    assert rows[0].startswith("game,seed,outcome,winner") and len(rows) == 4


def test_text_report_names_wins_war_and_cards(small_file, capsys):
    assert main(["simulate", "--ruleset", small_file, "--games", "4", "--jobs", "1"]) == 0
    text = capsys.readouterr().out
    assert "Wins (share of games)" in text and "War rate" in text and "Cards" in text


@pytest.mark.parametrize("argv, words", [
    (["--seat", "nobody=hard"], "FACTION=LEVEL"),
    (["--seat", "host=genius"], "level must be one of"),
    (["--games", "0"], "at least 1"),
])
def test_bad_arguments_get_a_plain_message(small_file, capsys, argv, words):
    assert main(["simulate", "--ruleset", small_file, *argv]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


def test_missing_or_broken_ruleset_is_reported_without_traceback(tmp_path, capsys):
    assert main(["simulate", "--ruleset", str(tmp_path / "none.yaml")]) == 1  # a file problem: 1; usage: 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: X\nfactions: 3\n", encoding="utf-8")
    assert main(["simulate", "--ruleset", str(bad)]) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_game_seeds_depend_on_seed_and_index_only():
    assert game_seed(1, 0) == game_seed(1, 0) != game_seed(1, 1) != game_seed(2, 1)


def test_warnings_fire_on_lopsided_wins(small):
    seats = {"host": "normal", "patron": "normal", "rival": "normal"}
    records, _ = run(small, 4, 1, seats, jobs=1)
    rep = report(small, records, 1, seats)
    top = max(rep["wins"], key=rep["wins"].get)
    if rep["wins"][top] > 0.35:
        assert any("more than 35%" in w for w in rep["warnings"])
    if rep["war_rate"] == 0:
        assert any("never bites" in w for w in rep["warnings"])


def test_parallel_run_finishes_after_pygame_was_initialised(tmp_path, small_file):
    """SDL turns SIGTERM into a quit event; forked workers that kept that handler made the
    pool's shutdown wait forever (in the GUI, or in a test session that ran GUI tests first)."""
    script = tmp_path / "sim_after_pygame.py"
    script.write_text(
        "import pygame\n"
        "pygame.init(); pygame.display.set_mode((64, 64))\n"
        "from game.rules.loader import load_ruleset\n"
        "from game.sim.runner import run\n"
        f"records, _ = run(load_ruleset({small_file!r}), 6, 1, {{}}, jobs=2)\n"
        "print(len(records))\n", encoding="utf-8")
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    try:
        done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                              env=env, timeout=300, cwd=ROOT)
    except subprocess.TimeoutExpired:
        pytest.fail("the parallel simulation never finished after pygame.init()")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-1] == "6"


def test_report_says_who_or_what_tipped_the_wars(small):
    from game.cli.simulate import text_report
    seats = {"host": "normal", "patron": "normal", "rival": "normal"}
    records, _ = run(small, 3, 1, seats, jobs=1)
    for r, by in zip(records, ("rival", "", "")):  # one war by a faction's move, two by events
        r["outcome"], r["winner"], r["war_by"] = "war", "", by
    rep = report(small, records, 1, seats)
    rep["timing"] = {"seconds": 0.1, "jobs": 1}
    text = text_report(small, rep)
    assert "War rate: 100.0%" in text
    assert "most often tipped into war by: Rival (33% of wars)" in text
    assert "tipped by events and miscalculation, not a faction's move: 67% of wars" in text


def test_play_fingerprint_is_deterministic():
    """bench.trace, which speed changes are held to, gives the same hashes on the same code."""
    from bench.trace import fingerprint
    a, b = fingerprint(1), fingerprint(1)
    assert a == b and len(a) == 10 and all(len(v) == 16 for v in a.values())
