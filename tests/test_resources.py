"""The shipped files through game.resources: rulesets by name, `rulesets` and `--copy`, `--version`,
a missing resource as one paragraph, and no window on a display nobody sees.

These run against the checkout's editable install (what `make setup` does); test_install.py runs the
same commands against a built wheel in a fresh virtual environment."""
from __future__ import annotations

import importlib.resources
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from game import __version__, resources
from game.cli.main import main
from game.rules.loader import load_ruleset
from game.rules.schema import text_of

CHECKOUT_RULESETS = sorted(p.stem for p in (ROOT / "rulesets").glob("*.yaml"))


def run(argv, capsys):
    capsys.readouterr()
    rc = main(argv)
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("REDLINES_HOME", str(tmp_path / "home"))


@pytest.fixture
def folders(monkeypatch):
    """Point the resource folders elsewhere for one test (the cache is restored afterwards)."""
    from game.ui import theme
    monkeypatch.setattr(resources, "_folders", dict(resources._folders))
    theme._raw.cache_clear()
    theme.colours.cache_clear()

    def point(package: str, folder: Path) -> None:
        resources._folders[package] = folder
    yield point
    theme._raw.cache_clear()
    theme.colours.cache_clear()


# ---------------------------------------------------------------- where the files are


def test_the_editable_install_maps_the_top_level_folders_into_the_package():
    # importlib.resources finds the data packages (no fallback to the folder beside game/ is involved)
    rulesets = importlib.resources.files("game.rulesets")
    assets = importlib.resources.files("game.assets")
    assert Path(str(rulesets)).resolve() == (ROOT / "rulesets").resolve()
    assert Path(str(assets)).resolve() == (ROOT / "assets").resolve()
    assert resources.rulesets_folder().resolve() == (ROOT / "rulesets").resolve()
    assert resources.asset("theme.json").read_bytes() == (ROOT / "assets" / "theme.json").read_bytes()
    assert [p.name for p in resources.schema_files()] == ["ruleset.schema.json", "ruleset-variant.schema.json"]


def test_every_yaml_file_of_the_folder_is_a_shipped_ruleset():
    assert sorted(resources.ruleset_names()) == CHECKOUT_RULESETS and CHECKOUT_RULESETS
    assert resources.ruleset_names()[0] == "brief-2025"  # sorted by name: a base before its variants


def test_a_new_file_in_the_folder_is_listed_and_found_by_name(tmp_path, folders, capsys):
    folder = tmp_path / "rulesets"
    shutil.copytree(ROOT / "rulesets", folder)
    data = yaml.safe_load((folder / "brief-2025-short.yaml").read_text(encoding="utf-8"))
    data["name"] = {"en": "Seventh chair", "ja": "第七の席"}
    data["turn"] = dict(data.get("turn") or {}, rounds=3)
    (folder / "seventh-chair.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    folders(resources.RULESETS, folder)
    assert "seventh-chair" in resources.ruleset_names()
    assert resources.resolve_ruleset("seventh-chair") == str(folder / "seventh-chair.yaml")
    rc, out, _ = run(["rulesets"], capsys)
    assert rc == 0
    row = next(line for line in out.splitlines() if line.startswith("seventh-chair "))
    assert row.split()[-3:] == ["3", "Seventh", "chair"] and "japan, us, china" in row
    rc, out, _ = run(["validate", "seventh-chair"], capsys)
    assert rc == 0 and out.startswith("seventh-chair: ok (")


# ---------------------------------------------------------------- --ruleset NAME


def test_resolve_a_name_a_file_name_a_path_and_nothing(tmp_path, monkeypatch):
    short = resources.rulesets_folder() / "brief-2025-short.yaml"
    assert resources.resolve_ruleset(None) == str(resources.rulesets_folder() / "brief-2025.yaml")
    assert resources.resolve_ruleset("brief-2025-short") == str(short)
    assert resources.resolve_ruleset("brief-2025-short.yaml") == str(short)
    mine = tmp_path / "brief-2025-short.yaml"
    mine.write_text("name: mine\n", encoding="utf-8")
    assert resources.resolve_ruleset(str(mine)) == str(mine)
    monkeypatch.chdir(tmp_path)   # a file of that name in the working folder is the one meant
    assert resources.resolve_ruleset("brief-2025-short.yaml") == "brief-2025-short.yaml"
    assert resources.resolve_ruleset("brief-2025-short") == str(short)
    assert resources.resolve_ruleset("no/such.yaml") == "no/such.yaml"   # the loader says it is not there
    with pytest.raises(resources.UnknownRuleset) as e:
        resources.resolve_ruleset("brief-2025-shrt")
    assert "'brief-2025-shrt'" in str(e.value) and "brief-2025, brief-2025-australia, brief-2025-short" in str(e.value)
    assert resources.shipped_ruleset("../rulesets/brief-2025") is None


@pytest.mark.parametrize("argv", [
    ["validate", "NAME"],
    ["simulate", "--ruleset", "NAME", "--games", "1", "--jobs", "1", "--bot", "random", "--json"],
    ["briefing", "--ruleset", "NAME", "--out", "{tmp}/b", "--format", "md"],
    ["play", "--ruleset", "NAME", "--seed", "4", "--seat", "japan=ai:easy", "--saves-dir", "{tmp}/s"],
    ["gui", "--ruleset", "NAME", "--scene", "setup", "--screenshot", "{tmp}/s.png"],
])
def test_every_command_takes_a_shipped_name_and_says_which_names_exist(argv, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", open(os.devnull))
    good = [a.replace("NAME", "brief-2025-short").replace("{tmp}", str(tmp_path)) for a in argv]
    rc, out, err = run(good, capsys)
    assert rc == 0, err
    if argv[0] == "play":
        assert out.startswith("Red Lines — Red Lines: East Asia 2025 (short)") and "The game is over" in out
    if argv[0] == "simulate":   # the short ruleset's cards, not the default's
        short = load_ruleset(ROOT / "rulesets" / "brief-2025-short.yaml")
        assert sorted(json.loads(out)["cards"]) == sorted(c.id for c in short.cards)
    bad = [a.replace("NAME", "brief-2025-shrt").replace("{tmp}", str(tmp_path)) for a in argv]
    rc, out, err = run(bad, capsys)
    assert rc == 1
    said = (out + err).strip()
    assert "There is no ruleset called 'brief-2025-shrt'" in said and "brief-2025-short" in said
    assert "\n" not in said and "Traceback" not in said


# ---------------------------------------------------------------- rulesets, --version


def test_rulesets_lists_names_factions_and_rounds(capsys):
    rc, out, err = run(["rulesets"], capsys)
    assert rc == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["name", "factions", "rounds", "title"]
    for name in CHECKOUT_RULESETS:
        rs = load_ruleset(ROOT / "rulesets" / f"{name}.yaml")
        row = next(line for line in lines if line.split()[0] == name)
        assert ", ".join(f.id for f in rs.factions) in row
        assert f"  {rs.turn.rounds}  " in row and row.endswith(text_of(rs.name))
    assert str(resources.rulesets_folder()) in out


def test_copy_a_variant_with_its_base_and_both_schemas_then_validate_it(tmp_path, capsys):
    dest = tmp_path / "mine"
    rc, out, err = run(["rulesets", "--copy", "brief-2025-short", str(dest)], capsys)
    assert rc == 0, err
    assert sorted(p.name for p in dest.iterdir()) == ["brief-2025-short.yaml", "brief-2025.yaml",
                                                      "ruleset-variant.schema.json", "ruleset.schema.json"]
    for name in ("brief-2025-short.yaml", "brief-2025.yaml", "ruleset.schema.json"):
        assert (dest / name).read_bytes() == (ROOT / "rulesets" / name).read_bytes()
    assert f"redlines validate {dest / 'brief-2025-short.yaml'}" in out
    rc, out, _ = run(["validate", str(dest / "brief-2025-short.yaml")], capsys)
    assert rc == 0 and ": ok (" in out
    # an edit of the copy is the copy's, and a second copy never overwrites it
    (dest / "brief-2025.yaml").write_text("edited", encoding="utf-8")
    rc, out, err = run(["rulesets", "--copy", "brief-2025-short", str(dest)], capsys)
    assert rc == 1 and "already exist" in err and err.count("\n") == 1
    assert (dest / "brief-2025.yaml").read_text(encoding="utf-8") == "edited"


def test_copy_of_a_base_copies_no_variant_and_bad_copies_are_refused(tmp_path, capsys):
    rc, _, err = run(["rulesets", "--copy", "brief-2025", str(tmp_path / "a")], capsys)
    assert rc == 0, err
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["brief-2025.yaml", "ruleset-variant.schema.json",
                                                                  "ruleset.schema.json"]
    rc, _, err = run(["rulesets", "--copy", "nothing", str(tmp_path / "b")], capsys)
    assert rc == 2 and "there is no shipped ruleset of that name" in err and not (tmp_path / "b").exists()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    rc, _, err = run(["rulesets", "--copy", "brief-2025", str(tmp_path / "file")], capsys)
    assert rc == 1 and "it is a file" in err
    rc, _, err = run(["rulesets", "--copy", "brief-2025"], capsys)
    assert rc == 2


def test_version(capsys):
    rc, out, _ = run(["--version"], capsys)
    assert rc == 0 and out.strip() == f"redlines {__version__}"
    from importlib.metadata import version
    assert version("red-lines") == __version__   # the package metadata takes its version from game/


# ---------------------------------------------------------------- a missing resource


def test_a_missing_asset_is_one_paragraph_and_exit_1(tmp_path, folders, capsys):
    empty = tmp_path / "assets"
    empty.mkdir()
    folders(resources.ASSETS, empty)
    rc, out, err = run(["gui", "--screenshot", str(tmp_path / "x.png"), "--scene", "table"], capsys)
    assert rc == 1 and not (tmp_path / "x.png").exists()
    assert "assets/theme.json is missing" in err and "Reinstall the game" in err and "make setup" in err
    assert err.strip().count("\n") == 0 and "Traceback" not in err
    shutil.copy(ROOT / "assets" / "theme.json", empty / "theme.json")   # the theme is back, the font is not
    rc, out, err = run(["gui", "--screenshot", str(tmp_path / "x.png"), "--scene", "table"], capsys)
    assert rc == 1 and "assets/fonts/NotoSansJP-Regular-Subset.otf is missing" in err
    assert err.strip().count("\n") == 0


def test_a_missing_default_ruleset_is_one_paragraph_and_exit_1(tmp_path, folders, capsys):
    empty = tmp_path / "rulesets"
    empty.mkdir()
    folders(resources.RULESETS, empty)
    for argv in (["play", "--seed", "1"], ["simulate", "--games", "1"], ["briefing", "--out", str(tmp_path / "b")],
                 ["rulesets"], ["rulesets", "--copy", "brief-2025", str(tmp_path / "c")]):
        rc, out, err = run(argv, capsys)
        assert rc in (1, 2) and "Traceback" not in err, (argv, err)
        if argv != ["rulesets", "--copy", "brief-2025", str(tmp_path / "c")]:
            assert rc == 1 and "is missing from its installation" in err and err.strip().count("\n") == 0, argv


# ---------------------------------------------------------------- no display, no hang


def window(env_changes: dict, cwd: Path, argv: tuple = ()) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    env.update(env_changes, PYTHONPATH=str(ROOT), REDLINES_HOME=str(cwd / "home"))
    # a window that opened on nobody's display would run until killed: the timeout fails the test
    return subprocess.run([sys.executable, "-m", "game", *argv], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=90, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("driver", ["dummy", "offscreen", None])
def test_no_window_on_a_driver_nobody_sees(driver, tmp_path):
    r = window({"SDL_VIDEODRIVER": driver} if driver else {}, tmp_path)
    assert r.returncode == 1, r.stderr
    lines = [line for line in r.stderr.splitlines() if line.strip() and not line.startswith("error: XDG_RUNTIME")]
    assert len(lines) == 1 and lines[0].startswith("There is no display to open the game window on")
    assert f"'{driver or 'offscreen'}'" in lines[0]
    assert "python -m game play" in lines[0] and "make terminal" in lines[0] and "DISPLAY" in lines[0]
    assert not (tmp_path / "home").exists()


def test_a_screenshot_still_draws_on_the_dummy_driver(tmp_path):
    r = window({"SDL_VIDEODRIVER": "dummy"}, tmp_path, ("gui", "--screenshot", str(tmp_path / "m.png")))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "m.png").stat().st_size > 10_000


def test_files_inside_a_zip_are_copied_out_to_a_real_folder(tmp_path):
    # zipimport installs give a zipfile.Path, not a folder: the loader and SDL need real files
    import zipfile
    archive = tmp_path / "game.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for p in sorted((ROOT / "assets").rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts:
                z.write(p, f"game/assets/{p.relative_to(ROOT / 'assets').as_posix()}")
    out = resources._extract(zipfile.Path(archive, "game/assets/"))
    assert out.is_dir()
    assert (out / "fonts" / "OFL.txt").read_bytes() == (ROOT / "assets" / "fonts" / "OFL.txt").read_bytes()
    assert (out / "theme.json").read_bytes() == (ROOT / "assets" / "theme.json").read_bytes()
