"""Where the window keeps its settings and saves, and how it finds and loads rulesets."""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

from game import resources
from game.home import home, saves_dir  # noqa: F401 - re-exported for the scenes
from game.rules import loader as rules_loader
from game.rules.schema import Ruleset, text_of

DEFAULT_RULESET = resources.ruleset_file(resources.DEFAULT_RULESET)


@dataclass
class Settings:
    lang: str = "en"
    text_scale: float = 1.0
    fullscreen: bool = False
    ai_speed: str = "normal"          # normal | fast | skip

    @staticmethod
    def load() -> "Settings":
        try:
            data = json.loads((home() / "settings.json").read_text(encoding="utf-8"))
            s = Settings(**{k: v for k, v in data.items() if k in Settings.__dataclass_fields__})
        except (OSError, ValueError, TypeError):
            return Settings()
        if s.lang not in ("en", "ja"):
            s.lang = "en"
        if s.ai_speed not in ("normal", "fast", "skip"):
            s.ai_speed = "normal"
        try:
            s.text_scale = min(1.6, max(0.8, float(s.text_scale)))
        except (TypeError, ValueError):
            s.text_scale = 1.0
        return s

    def save(self) -> None:
        try:
            home().mkdir(parents=True, exist_ok=True)
            (home() / "settings.json").write_text(json.dumps(asdict(self), indent=1), encoding="utf-8")
        except OSError:
            pass  # settings are a convenience: a read-only home must not stop the game


class RulesetProblem(Exception):
    """A ruleset that cannot be used, with a message for the facilitator."""


def shipped_rulesets() -> list[Path]:
    return resources.shipped_rulesets()


_loaded: dict[tuple, Ruleset] = {}


def load_ruleset(path: str | os.PathLike) -> Ruleset:
    """The ruleset at `path` (kept while the file is unchanged); raises RulesetProblem."""
    p = Path(path)
    try:
        key = (str(p.resolve()), p.stat().st_mtime_ns)
    except OSError:
        key = None
    if key is not None and key in _loaded:
        return _loaded[key]
    ruleset = _load_ruleset(p)
    if key is not None:
        _loaded[key] = ruleset
    return ruleset


def _load_ruleset(p: Path) -> Ruleset:
    """The project's loader (extends, located errors); any problem as a RulesetProblem."""
    try:
        return rules_loader.load_ruleset(p)
    except Exception as e:  # RulesetError and OS errors: shown to the user, never a traceback
        raise RulesetProblem(str(e)) from None


_titles: dict[tuple, str] = {}


def ruleset_title(path: Path, lang: str) -> str:
    """The ruleset's name in `lang` (read once per file version), or its file name."""
    try:
        key = (str(path), lang, path.stat().st_mtime_ns)
    except OSError:
        return path.stem
    got = _titles.get(key)
    if got is None:
        got = _titles[key] = _read_title(path, lang)
    return got


def _read_title(path: Path, lang: str) -> str:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        name = data.get("name") if isinstance(data, dict) else None
        if name:
            return text_of(name, lang)
    except (OSError, yaml.YAMLError):
        pass
    return path.stem


def short_variant(path: Path) -> Path | None:
    """The shipped short variant of a ruleset (`x-short.yaml` beside `x.yaml`), if any."""
    cand = path.with_name(path.stem + "-short.yaml")
    return cand if cand.exists() else None


def list_saves() -> list[Path]:
    d = saves_dir()
    try:
        return sorted(d.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return []


def latest_autosave() -> Path | None:
    for p in list_saves():
        if p.name.startswith("autosave-"):
            return p
    return None
