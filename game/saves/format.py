"""The save file format: pydantic models over plain JSON, and the embedded ruleset's hash."""
from __future__ import annotations

import hashlib
import json

from pydantic import BaseModel, ConfigDict, Field

from game.rules.schema import Ruleset

FORMAT = "redlines-save"
VERSION = 3  # 3: a save may record the save it branched from, and what the table set up (teams, language, options); 2: the log has its own SHA-256 (1 and 2 still read)
GAME_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"


class SaveError(Exception):
    """A save cannot be read, trusted or written; str() is a one-paragraph message for a person."""


class SaveOptions(BaseModel):
    """The game's options as chosen at setup (the ruleset itself is embedded in the save)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    length: str = Field(default="", pattern=r"^(short|full)?$",
                        description="'short' or 'full' as chosen at setup; '' when not recorded")
    ai_speed: str = Field(default="", pattern=r"^(normal|fast|skip)?$",
                          description="the AI pace the table played at; '' when not recorded")


class SaveMeta(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    created: str
    updated: str
    round: int
    phase: str
    steps: int
    over: bool
    outcome: str = ""
    ruleset_name: str
    ruleset_path: str = Field(default="", description="where the ruleset was read from (information only)")
    # what the table set up, beside the rules (all defaulted: saves written before them still load)
    teams: dict[str, str] = Field(default_factory=dict, description="faction id -> the team name of a human seat")
    names: dict[str, str] = Field(default_factory=dict, description="faction id -> its name, so that a list of "
                                  "saves can name the seats without reading the embedded ruleset (information only)")
    lang: str = Field(default="", pattern=r"^([a-z]{2})?$",
                      description="the table's language ('en', 'ja'); '' when not recorded")
    options: SaveOptions = Field(default_factory=lambda: SaveOptions())


class SaveParent(BaseModel):
    """The line of play a branch came from: the parent game's id, its file, and the step (the
    number of actions of the parent's log) the branch shares with it."""

    model_config = ConfigDict(extra="forbid", strict=True)

    game_id: str = Field(pattern=GAME_ID_PATTERN)
    path: str = Field(default="", description="where the parent was read from (information only)")
    step: int = Field(ge=0)


class SaveFile(BaseModel):
    """One saved game: enough to replay it from the start and to check the replay.

    Strict: JSON types must be exactly those written (no "3" for 3, no 3.0, no true for 1).
    """

    model_config = ConfigDict(extra="forbid", strict=True)

    format: str = FORMAT
    version: int = VERSION
    game_id: str = Field(pattern=GAME_ID_PATTERN)
    seed: int
    seats: dict[str, str]
    ruleset_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    ruleset: dict
    actions: list[dict]
    actions_sha256: str = Field(default="", pattern=r"^([0-9a-f]{64})?$",
                                description="log_hash(actions); '' only in format 1")
    reasons: list[str] = Field(default_factory=list, description="one line per action; an AI's explanation or ''")
    snapshot: dict
    meta: SaveMeta
    parent: SaveParent | None = Field(default=None, description="set on a branch: the save it came from")


def ruleset_json(ruleset: Ruleset) -> dict:
    """The fully merged ruleset as JSON data (aliases such as `else`, `pass` kept)."""
    return ruleset.model_dump(mode="json", by_alias=True)


def canonical_hash(data: dict) -> str:
    """SHA-256 over canonical JSON (sorted keys, no spaces, UTF-8)."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def log_hash(actions: list[dict]) -> str:
    """SHA-256 of the action log: a log edit that leaves the final state as it was (a rejected
    proposal's amount, say) cannot be caught by replaying, so the log carries its own hash."""
    return canonical_hash({"actions": actions})
