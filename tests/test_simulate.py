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


def test_report_has_events_choices_tracks_scores(small):
    seats = {"host": "normal", "patron": "normal", "rival": "normal"}
    records, _ = run(small, 12, 4, seats, jobs=1)
    rep = report(small, records, 4, seats)
    # every track under its own name, every event with its draw and fire rates
    assert rep["tracks"] == {t.id: {"name": t.name, "mean": rep["mean_tracks"][t.id]} for t in small.tracks}
    assert set(rep["events"]) == {e.id for e in small.events}
    for e in rep["events"].values():
        assert 0 <= e["fired"] <= e["drawn"] <= 1
    fired = {e for r in records for e in r["fired"]}
    assert {e for e, v in rep["events"].items() if v["fired"] > 0} == fired
    # each answered response/choice names where it is and its options' shares add up
    answered = {src for r in records for src, _ in r["answers"]}
    assert len(rep["choices"]) == len(answered)
    for where, c in rep["choices"].items():
        assert where.startswith(("cards[", "events[")) and abs(sum(c["options"].values()) - 1) < 1e-3
    # mean score = the mean of the terms, faction by faction
    for f, sc in rep["scores"].items():
        assert sc["mean"] == pytest.approx(sum(sc["terms"].values()), abs=0.01)
        assert sc["mean"] == pytest.approx(sum(sum(r["scores"][f].values()) for r in records) / 12, abs=0.01)


def test_why_explains_a_faction_outside_the_bands(small):
    from game.cli.simulate import text_report
    seats = {"host": "normal", "patron": "normal", "rival": "normal"}
    records, _ = run(small, 6, 1, seats, jobs=1)
    for r in records:  # rival wins every game: patron and host never do
        r["outcome"], r["winner"] = "peace", "rival"
    rep = report(small, records, 1, seats)
    assert set(rep["why"]) == {"host", "patron", "rival"}
    why = rep["why"]["host"]
    assert why["compared_with"] == "rival" and why["wins"] == 0
    assert why["mean_score"] == rep["scores"]["host"]["mean"]
    assert why["terms"]["economy"] == [rep["scores"]["host"]["terms"].get("economy", 0.0),
                                       rep["scores"]["rival"]["terms"].get("economy", 0.0)]
    assert not any(t.startswith("objective:") for t in why["terms"])  # objectives compare as one sum
    assert sum(why["terms"].get("objectives", [0, 0])[:1]) == pytest.approx(
        sum(v for t, v in rep["scores"]["host"]["terms"].items() if t.startswith("objective:")), abs=0.01)
    rep["timing"] = {"seconds": 0.1, "jobs": 1}
    text = text_report(small, rep)
    assert "Why Host wins 0%: its deck holds" in text and "against Rival's" in text
    assert "Mean final International Rules:" in text and "Events (share of games drawn / fired):" in text


def test_a_facilitators_own_track_is_reported_under_its_name(tmp_path, capsys):
    data = small_ruleset_dict()
    data["tracks"].append({"id": "climate", "name": "Climate Cooperation", "start": 2})
    p = tmp_path / "own.yaml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["simulate", "--ruleset", str(p), "--games", "3", "--jobs", "1"]) == 0
    assert "Mean final Climate Cooperation: 2.00" in capsys.readouterr().out
