"""The game as a classroom PC gets it: `python -m build` makes the sdist and, from it, the wheel; the
wheel goes into a fresh virtual environment; and from a temporary working folder, away from the
checkout, every shipped ruleset validates by name, a short game is played to the end in the terminal,
its save replays, the debrief and the role sheets are written, and the window draws its table in
English and in Japanese.

Nothing is fetched: the build runs without isolation on the test run's own setuptools, and the fresh
environment borrows the dependencies (pygame-ce, pydantic, ...) already installed for the test run,
the way `--system-site-packages` would. It is skipped, saying why, when the build tools are missing."""
from __future__ import annotations

import importlib
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT
from game import __version__

SHORT = "brief-2025-short"
SKIP_DIRS = {".git", ".venv", "__pycache__", "build", "dist", "saves", ".hypothesis", ".pytest_cache", "out"}


def _build_tools_problem() -> str | None:
    try:
        importlib.import_module("build")
        import setuptools
    except ImportError as e:
        return f"the build tools are not installed ({e}); `make setup` installs them with the test extra"
    if int(setuptools.__version__.split(".")[0]) < 77:
        return f"setuptools {setuptools.__version__} is too old to build the project (it needs 77 or later)"
    try:
        importlib.import_module("venv")
    except ImportError:
        return "this Python has no venv module"
    return None


def _source_files() -> list[Path]:
    """The checkout's files a clone would have (tracked and new, not ignored), relative to ROOT."""
    try:
        out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                             capture_output=True, check=True, timeout=60).stdout
        return [Path(p) for p in out.decode().split("\0") if p and (ROOT / p).is_file()]
    except (OSError, subprocess.SubprocessError):  # not a git checkout: everything but the local folders
        return [p.relative_to(ROOT) for p in ROOT.rglob("*") if p.is_file()
                and not SKIP_DIRS & set(p.relative_to(ROOT).parts) and not p.name.endswith((".pyc", ".egg-info"))]


def _site_packages_of(*modules: str) -> list[str]:
    """The folders the test run imports these modules from (its virtual environment's site-packages)."""
    import importlib.util
    found = []
    for name in modules:
        spec = importlib.util.find_spec(name)
        folder = str(Path(spec.origin).resolve().parent.parent)
        if folder not in found:
            found.append(folder)
    return found


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(wheel, sdist, fresh venv's bin folder, fresh venv's site-packages) of a wheel built now."""
    problem = _build_tools_problem()
    if problem:
        pytest.skip(f"cannot build the wheel here: {problem}")
    base = tmp_path_factory.mktemp("install")
    src = base / "src"   # a copy of the checkout, so that the build writes nothing into it
    for rel in _source_files():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, src / rel)
    dist = base / "dist"
    r = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(src)],
                       capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    wheels, sdists = list(dist.glob("*.whl")), list(dist.glob("*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1, os.listdir(dist)
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=300)
    py = venv / "bin" / "python"
    # the project's pip installs into the fresh environment; no index is asked
    r = subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "--no-index",
                        "--no-compile", "--quiet", str(wheels[0])], capture_output=True, text=True, timeout=300,
                       env=dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1"))
    assert r.returncode == 0, r.stdout + r.stderr
    site = Path(subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                               capture_output=True, text=True, check=True, timeout=60).stdout.strip())
    # the dependencies the test run already has; the game itself comes only from the wheel
    deps = _site_packages_of("pygame", "pygame_gui", "pydantic", "yaml", "matplotlib")
    (site / "zz-test-run-dependencies.pth").write_text("\n".join(deps) + "\n", encoding="utf-8")
    return wheels[0], sdists[0], venv / "bin", site


def redlines(installed, args: list[str], cwd: Path, stdin: str | None = None, **env) -> subprocess.CompletedProcess:
    """The installed `redlines` script, run from `cwd` with nothing of the checkout on its path."""
    e = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    e.update(REDLINES_HOME=f"{cwd}-home", NO_COLOR="1", SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
             PYGAME_HIDE_SUPPORT_PROMPT="1", **env)
    return subprocess.run([str(installed[2] / "redlines"), *args], cwd=cwd, env=e, capture_output=True, text=True,
                          timeout=300, input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL)


def ok(r: subprocess.CompletedProcess) -> str:
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-3000:]
    assert "Traceback" not in r.stdout + r.stderr
    return r.stdout


def test_the_wheel_holds_the_code_the_rulesets_and_the_assets(installed):
    wheel, sdist, _, site = installed
    assert wheel.name == f"red_lines-{__version__}-py3-none-any.whl"
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = []
    for rel in _source_files():
        top = rel.parts[0]
        if top == "game" and "__pycache__" not in rel.parts:
            shipped.append(rel.as_posix())
        elif top == "rulesets" and rel.suffix in (".yaml", ".json"):
            shipped.append(f"game/rulesets/{rel.name}")
        elif top == "assets" and rel.suffix != ".py":
            shipped.append(f"game/{rel.as_posix()}")
    missing = [n for n in shipped if n not in names]
    assert not missing, f"not in the wheel: {missing}"
    assert any(n.startswith("game/rulesets/") and n.endswith(".yaml") for n in shipped)
    assert not any(n.startswith(("rulesets/", "assets/", "tests/")) for n in names)   # one place only
    meta = zipfile.ZipFile(wheel).read(f"red_lines-{__version__}.dist-info/METADATA").decode()
    assert "License-Expression: MIT AND OFL-1.1" in meta and "Classifier: Topic :: Education" in meta
    assert "Description-Content-Type: text/markdown" in meta and "# Red Lines" in meta
    assert (site / "game" / "rulesets" / f"{SHORT}.yaml").is_file()


def test_from_another_folder_every_command_works_on_the_installed_game(installed, tmp_path):
    wheel, _, bin_, site = installed
    work = tmp_path / "classroom"
    work.mkdir()
    # the game and its files come from the fresh environment, not from the checkout
    where = subprocess.run([str(bin_ / "python"), "-c", "import game, game.resources as r; "
                            "print(game.__file__); print(r.rulesets_folder()); print(r.asset('theme.json'))"],
                           cwd=work, capture_output=True, text=True, timeout=60,
                           env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    assert where.returncode == 0, where.stderr
    for line in where.stdout.split():
        assert Path(line).resolve().is_relative_to(site.resolve()), where.stdout

    assert ok(redlines(installed, ["--version"], work)).strip() == f"redlines {__version__}"
    names = sorted(p.stem for p in (ROOT / "rulesets").glob("*.yaml"))
    listing = ok(redlines(installed, ["rulesets"], work))
    for name in names:
        assert re.search(rf"^{re.escape(name)}\s+japan, ", listing, re.M), listing
    out = ok(redlines(installed, ["validate", *names], work))
    assert out.splitlines() == [line for line in out.splitlines() if re.match(r"^\S+: ok \(\d+ factions, ", line)]
    assert [line.split(":")[0] for line in out.splitlines()] == names

    # a short game to the end: Japan is the human, answering 1 to everything, the others are bots
    game = redlines(installed, ["play", "--ruleset", SHORT, "--seed", "5", "--saves-dir", "saves"], work,
                    stdin="1\n" * 3000)
    out = ok(game)
    assert out.startswith("Red Lines — Red Lines: East Asia 2025 (short)") and "══ The game is over ══" in out
    saves = list((work / "saves").glob("*.json"))
    assert len(saves) == 1
    assert "The replayed state equals the saved snapshot." in ok(redlines(installed, ["replay", str(saves[0]),
                                                                                     "--verify"], work))
    ok(redlines(installed, ["report", str(saves[0]), "--out", "debrief"], work))
    assert {"debrief.html", "debrief.md", "debrief-tracks.png"} <= {p.name for p in (work / "debrief").iterdir()}
    ok(redlines(installed, ["briefing", "--ruleset", SHORT, "--out", "sheets", "--lang", "ja"], work))
    assert (work / "sheets" / "print-all.html").is_file()

    import pygame
    shots = {}
    for lang in ("en", "ja"):
        png = work / f"table-{lang}.png"
        assert ok(redlines(installed, ["gui", "--screenshot", png.name, "--scene", "table", "--lang", lang,
                                       "--ruleset", SHORT], work)).strip() == png.name
        img = pygame.image.load(str(png))
        assert img.get_size() == (1280, 720)
        shots[lang] = pygame.image.tobytes(img, "RGB")
    assert shots["en"] != shots["ja"]

    # a facilitator's copy of a ruleset, edited beside the schema files
    ok(redlines(installed, ["rulesets", "--copy", SHORT, "mine"], work))
    assert ok(redlines(installed, ["validate", f"mine/{SHORT}.yaml"], work)).startswith(f"mine/{SHORT}.yaml: ok (")
    # nothing landed in the working folder but what was asked for
    assert sorted(p.name for p in work.iterdir()) == ["debrief", "mine", "saves", "sheets", "table-en.png",
                                                      "table-ja.png"]
    # and the saves went where --saves-dir said: the player's home got nothing
    assert not list(Path(f"{work}-home").rglob("*"))


def test_no_window_on_nobodys_display_from_the_installed_game(installed, tmp_path):
    r = redlines(installed, [], tmp_path)
    assert r.returncode == 1 and "There is no display to open the game window on" in r.stderr
    assert "Traceback" not in r.stderr


def test_a_broken_installation_says_what_is_missing_and_how_to_reinstall(installed, tmp_path):
    site = installed[3]
    spare = tmp_path / "spare"
    spare.mkdir()
    moved = [(site / "game" / "assets" / "theme.json", spare / "theme.json"),
             (site / "game" / "rulesets" / "brief-2025.yaml", spare / "brief-2025.yaml")]
    for a, b in moved:
        shutil.move(a, b)
    try:
        for args, what in ((["gui", "--screenshot", "x.png", "--scene", "table"], "file assets/theme.json"),
                           (["play", "--seed", "1"], "default ruleset brief-2025.yaml"),
                           (["briefing", "--out", "b"], "default ruleset brief-2025.yaml")):
            r = redlines(installed, args, tmp_path)
            assert r.returncode == 1, (args, r.stderr)
            said = [line for line in r.stderr.splitlines() if line.strip()]
            assert len(said) == 1 and f"The game's {what} is missing from its installation" in said[0], said
            assert "Reinstall the game" in said[0] and "Traceback" not in r.stderr
        assert not (tmp_path / "x.png").exists()
        # the whole rulesets package gone: every command, even its parser, says so
        shutil.move(site / "game" / "rulesets", spare / "rulesets")
        moved.append((site / "game" / "rulesets", spare / "rulesets"))
        for args in (["rulesets"], ["play", "--help"], ["validate", "brief-2025-short"]):
            r = redlines(installed, args, tmp_path)
            said = [line for line in r.stderr.splitlines() if line.strip()]
            assert r.returncode == 1 and len(said) == 1, (args, r.stderr)
            assert said[0].startswith("The game's folder of rulesets (the package game.rulesets) is missing"), said
    finally:
        for a, b in reversed(moved):
            shutil.move(b, a)
