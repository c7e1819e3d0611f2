"""The files the game ships beside its code: the rulesets with their two schema files, the theme, the
fonts (with their licence) and the art.

They live in the checkout's top-level `rulesets/` and `assets/` folders and are installed as the data
packages `game.rulesets` and `game.assets` (see pyproject.toml and setup.py), so they are read here
through `importlib.resources` alike in an editable install, a `pip install .` and a wheel. Every
other module asks this one; nothing else works out where the game is installed.
"""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path

RULESETS = "game.rulesets"
ASSETS = "game.assets"
DEFAULT_RULESET = "brief-2025"
SCHEMA_FILES = ("ruleset.schema.json", "ruleset-variant.schema.json")
_CHECKOUT_FOLDER = {RULESETS: "rulesets", ASSETS: "assets"}
_REINSTALL = ("Reinstall the game to get it back: from a checkout run `make setup` (or "
              "`pip install --force-reinstall .`, `pipx install --force .`), or reinstall the wheel "
              "with `pip install --force-reinstall red_lines-*.whl`.")


class ResourceMissing(Exception):
    """A file the game ships is not where the installation should have put it."""

    def __init__(self, what: str, where: Path | str | None = None) -> None:
        at = f" (looked for {where})" if where else ""
        super().__init__(f"The game's {what} is missing from its installation{at}: the installation is "
                         f"incomplete or was changed by hand. {_REINSTALL}")


class UnknownRuleset(ValueError):
    """`--ruleset NAME` names no shipped ruleset and no file."""


_folders: dict[str, Path] = {}


def _folder(package: str) -> Path:
    """The folder that holds `package`'s files, on disk."""
    got = _folders.get(package)
    if got is not None:
        return got
    try:
        root = resources.files(package)
    except ModuleNotFoundError:
        # a source tree run without being installed (PYTHONPATH=checkout): the folder beside game/
        root = Path(__file__).resolve().parent.parent / _CHECKOUT_FOLDER[package]
        if not root.is_dir():
            raise ResourceMissing(f"folder of {_CHECKOUT_FOLDER[package]} (the package {package})") from None
    if not isinstance(root, Path):  # imported from a zip file: copy the files out once
        root = _extract(root)
    _folders[package] = root
    return root


def _extract(root) -> Path:
    out = Path(tempfile.mkdtemp(prefix="redlines-"))
    atexit.register(shutil.rmtree, out, True)

    def copy(node, dest: Path) -> None:
        for child in node.iterdir():
            if child.is_dir():
                (dest / child.name).mkdir()
                copy(child, dest / child.name)
            else:
                (dest / child.name).write_bytes(child.read_bytes())
    copy(root, out)
    return out


# ---------------------------------------------------------------- rulesets


def rulesets_folder() -> Path:
    """The folder of the shipped rulesets and their schema files."""
    return _folder(RULESETS)


def shipped_rulesets() -> list[Path]:
    """Every shipped ruleset file (each `*.yaml` of the folder), sorted by name."""
    return sorted((p for p in rulesets_folder().glob("*.yaml") if p.is_file()), key=lambda p: p.stem)


def ruleset_names() -> list[str]:
    """The names `--ruleset NAME` accepts: the shipped files' names without `.yaml`."""
    return [p.stem for p in shipped_rulesets()]


def ruleset_file(name: str) -> Path:
    """Where the shipped ruleset `name` is (whether or not it is there)."""
    return rulesets_folder() / f"{name}.yaml"


def shipped_ruleset(name: str) -> Path | None:
    """The shipped ruleset called `name` (`brief-2025-short` or `brief-2025-short.yaml`), else None."""
    stem = name[:-5] if name.endswith(".yaml") else name
    if not stem or os.sep in stem or "/" in stem or stem.startswith("."):
        return None
    p = ruleset_file(stem)
    return p if p.is_file() else None


def default_ruleset() -> Path:
    """The ruleset a new game uses when none is named."""
    p = ruleset_file(DEFAULT_RULESET)
    if not p.is_file():
        raise ResourceMissing(f"default ruleset {DEFAULT_RULESET}.yaml", p)
    return p


def looks_like_a_name(arg: str) -> bool:
    """True for `brief-2025-short`; False for anything written as a file (`x.yaml`, `dir/x`)."""
    return not (os.sep in arg or "/" in arg or arg.endswith((".yaml", ".yml")) or arg.startswith("."))


def resolve_ruleset(arg: str | os.PathLike | None) -> str:
    """The file `--ruleset ARG` means: the default when ARG is None, ARG itself when it is a file,
    else the shipped ruleset of that name. A path that is not there is returned as it is (the loader
    says so); a bare name that is neither raises UnknownRuleset with the shipped names."""
    if arg is None:
        return str(default_ruleset())
    arg = os.fspath(arg)
    if os.path.lexists(arg):
        return arg
    shipped = shipped_ruleset(arg)
    if shipped is not None:
        return str(shipped)
    if looks_like_a_name(arg):
        names = ", ".join(ruleset_names()) or "none"
        raise UnknownRuleset(f"There is no ruleset called '{arg}': no shipped ruleset has that name and "
                             f"there is no file of that name here. The shipped rulesets are: {names} "
                             f"(`redlines rulesets` lists them); or give the path of a ruleset file.")
    return arg


def schema_files() -> list[Path]:
    """The JSON Schema files of a ruleset and of a variant, as shipped beside the rulesets."""
    out = []
    for name in SCHEMA_FILES:
        p = rulesets_folder() / name
        if not p.is_file():
            raise ResourceMissing(f"schema file {name}", p)
        out.append(p)
    return out


# ---------------------------------------------------------------- assets


def asset_path(*parts: str) -> Path:
    """Where the asset `parts` (e.g. "fonts", "x.otf") is (whether or not it is there)."""
    return _folder(ASSETS).joinpath(*parts)


def asset(*parts: str) -> Path:
    """The asset file `parts`; ResourceMissing when it is not installed."""
    p = asset_path(*parts)
    if not p.is_file():
        raise ResourceMissing(f"file assets/{'/'.join(parts)}", p)
    return p


def asset_text(*parts: str) -> str:
    """The text of the asset file `parts`; ResourceMissing when it is not installed or unreadable."""
    p = asset(*parts)
    try:
        return p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise ResourceMissing(f"file assets/{'/'.join(parts)} (unreadable)", p) from None
