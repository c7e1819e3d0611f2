"""Every sub-command with wrong arguments and with files it cannot use: a message, never a traceback.

Exit codes (game/cli/__init__.py): 2 when the command line is wrong (usage printed), 1 when a
named file is missing, unreadable, invalid or cannot be written (one line naming it).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
RULESET = str(ROOT / "rulesets" / "brief-2025.yaml")

USAGE = [
    ["frobnicate"],
    # options the command does not have, extra words
    *[[cmd, "--no-such-option"] for cmd in ("gui", "play", "validate", "simulate", "replay", "report", "briefing",
                                            "schema", "rulesets", "branch", "whatif")],
    ["rulesets", "x"], ["rulesets", "--copy", "brief-2025"],
    ["play", "extra"], ["schema", "extra"], ["replay", "a.json", "b.json"], ["simulate", "x"], ["briefing", "x"],
    ["gui", "x"],
    # missing arguments and missing values
    ["validate"], ["replay"], ["report"], ["report", "--out", "d"],
    ["play", "--ruleset"], ["play", "--seed"], ["simulate", "--games"], ["gui", "--size"], ["schema", "--out"],
    ["briefing", "--out"], ["replay", "x.json", "--lang"],
    # wrong types and choices
    ["play", "--seed", "x"], ["play", "--lang", "fr"], ["simulate", "--games", "many"], ["simulate", "--jobs", "1.5"],
    ["simulate", "--bot", "god"], ["simulate", "--hard-iterations", "x"], ["replay", "x.json", "--lang", "de"],
    ["report", "x.json", "--format", "pdf"], ["report", "x.json", "--lang", "fr"], ["briefing", "--format", "pdf"],
    ["briefing", "--lang", "fr"], ["gui", "--seed", "x"], ["gui", "--scene", "nowhere"], ["gui", "--lang", "fr"],
    ["gui", "--size", "big"], ["gui", "--size", "1920x"], ["--size", "x"],
    # values out of range, checked after parsing
    ["simulate", "--games", "0"], ["simulate", "--games", "-3"], ["simulate", "--jobs", "-1"],
    ["simulate", "--hard-iterations", "0"], ["simulate", "--seat", "japan"], ["simulate", "--seat", "japan=genius"],
    ["simulate", "--seat", "mars=hard"], ["play", "--seat", "japan"], ["play", "--seat", "mars=human"],
    ["play", "--seat", "japan=robot"],
    # contradictory
    ["play", "--load", "x.json", "--seed", "1"], ["play", "--load", "x.json", "--ruleset", RULESET],
    ["play", "--load", "x.json", "--seat", "japan=human"], ["gui", "--load", "x.json", "--ruleset", RULESET],
    ["gui", "--screenshot", "x.png", "--fullscreen"],
    # branches and what-ifs
    ["branch"], ["branch", "x.json"], ["branch", "x.json", "--at", "x"], ["branch", "x.json", "--at", "0"],
    ["whatif"], ["whatif", "x.json", "--runs", "0"], ["whatif", "x.json", "--moments", "x"],
    ["whatif", "x.json", "--moments", "0,3"], ["whatif", "x.json", "--jobs", "-1"], ["whatif", "x.json", "--bot", "god"],
    ["simulate", "--at", "3"], ["report", "x.json", "--what-if", "--runs", "0"],
]


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    capsys.readouterr()
    rc = main(argv)
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.mark.parametrize("argv", USAGE, ids=" ".join)
def test_wrong_arguments_print_usage_and_exit_2(argv, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # nothing may be written where the tests run
    rc, out, err = run(argv, capsys)
    assert rc == 2, (rc, out, err)
    assert err.startswith("usage: redlines") and "error: " in err, err
    assert "Traceback" not in err + out
    assert os.listdir(tmp_path) == []


def test_help_exits_0(capsys):
    for argv in (["-h"], ["play", "--help"], ["simulate", "-h"]):
        rc, out, _ = run(argv, capsys)
        assert rc == 0 and out.startswith("usage: redlines")


@pytest.fixture
def bad_paths(tmp_path):
    """Paths a command cannot read: missing, a folder, below a file, and (not as root) unreadable."""
    (tmp_path / "folder").mkdir()
    (tmp_path / "plain.txt").write_text("x", encoding="utf-8")
    paths = {"missing": tmp_path / "missing.yaml", "folder": tmp_path / "folder",
             "below_a_file": tmp_path / "plain.txt" / "child.yaml"}
    if os.geteuid() != 0:  # root reads everything: no way to make an unreadable file
        locked = tmp_path / "locked.yaml"
        locked.write_text("name: x\n", encoding="utf-8")
        locked.chmod(0)
        paths["no_permission"] = locked
    return paths


READERS = [
    ["play", "--ruleset", "{}"], ["play", "--load", "{}"], ["validate", "{}"], ["simulate", "--ruleset", "{}"],
    ["replay", "{}"], ["report", "{}", "--out", "{out}"], ["briefing", "--ruleset", "{}", "--out", "{out}"],
    ["gui", "--load", "{}", "--screenshot", "{out}.png"],
    ["branch", "{}", "--at", "1", "--out", "{out}.json"], ["whatif", "{}", "--out", "{out}"],
    ["simulate", "--from", "{}"], ["report", "{}", "--what-if", "--out", "{out}"],
    ["gui", "--ruleset", "{}", "--scene", "setup", "--screenshot", "{out}.png"],
]


@pytest.mark.parametrize("argv", READERS, ids=lambda a: " ".join(a[:2]))
def test_unreadable_files_get_one_line_that_names_them(argv, bad_paths, tmp_path, capsys):
    for kind, path in bad_paths.items():
        out_dir = tmp_path / "out"
        rc, out, err = run([a.format(path, out=out_dir) for a in argv], capsys)
        text = err if argv[0] != "validate" else out  # validate reports on stdout, like its other results
        assert rc == 1, (kind, rc, out, err)
        assert str(path) in text and text.strip().count("\n") == 0, (kind, text)
        assert "Traceback" not in out + err
        assert not out_dir.exists() or argv[0] == "gui"


def test_outputs_that_cannot_be_written(tmp_path, capsys):
    (tmp_path / "folder").mkdir()
    (tmp_path / "plain.txt").write_text("x", encoding="utf-8")
    folder, plain = str(tmp_path / "folder"), str(tmp_path / "plain.txt")
    cases = [
        (["schema", "--out", folder], folder),
        (["schema", "--out", str(tmp_path / "no" / "such" / "dir" / "s.json")], "s.json"),
        (["simulate", "--games", "1", "--out", folder], folder),
        (["briefing", "--ruleset", RULESET, "--out", plain], plain),
        (["whatif", str(ROOT / "docs" / "whatif" / "example-brief-2025-seed1.json"), "--out", plain], plain),
    ]
    for argv, named in cases:
        rc, out, err = run(argv, capsys)
        assert rc == 1 and named in err and err.strip().count("\n") == 0, (argv, out, err)
        assert "Traceback" not in err
    assert (tmp_path / "plain.txt").read_text(encoding="utf-8") == "x"


def cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
               PYGAME_HIDE_SUPPORT_PROMPT="1", NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=120, stdin=subprocess.DEVNULL)


def test_real_processes_exit_with_the_same_codes(tmp_path):
    r = cli(["play", "--seed", "x"], tmp_path)
    assert r.returncode == 2 and r.stderr.startswith("usage: redlines play") and "Traceback" not in r.stderr
    r = cli(["replay", str(tmp_path / "none.json")], tmp_path)
    assert r.returncode == 1 and r.stderr.strip() == f"There is no save file at {tmp_path / 'none.json'}."
    # the default ruleset is found from any folder, not only from the repository
    r = cli(["simulate", "--games", "1", "--jobs", "1", "--bot", "random", "--json"], tmp_path)
    assert r.returncode == 0, r.stderr
    assert os.listdir(tmp_path) == []


def test_a_command_that_cannot_be_loaded_says_so_instead_of_a_usage_error(monkeypatch, capsys):
    from game.cli import main as cli_main
    monkeypatch.setitem(cli_main.COMMANDS, "broken", ("game.cli.no_such_command", "a command whose module is gone"))
    assert cli_main.main(["broken", "--ruleset", "x.yaml", "--seed", "5"]) == 1
    err = capsys.readouterr().err
    assert "redlines broken: this command could not be loaded" in err
    assert "game.cli.no_such_command" in err and "unrecognized arguments" not in err
    assert cli_main.main(["play", "--help"]) == 0, "the other commands still load"
