"""Every frame of the WebSocket protocol, as pydantic models (docs/PROTOCOL.md describes them).

Client frames are parsed with `parse_client`: a frame that is too long, not JSON or not one of
these models raises FrameError, whose message is safe to send back (it quotes nothing)."""
from __future__ import annotations

import json
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

MAX_FRAME_CHARS = 16_384   # a client frame; the biggest real one (a proposal) is under 1 KB
                           # (longer ones are read, refused with an error; game.server.WS_MAX_BYTES closes)
PROTOCOL = 1


class FrameError(ValueError):
    """A client frame that cannot be used; `code` is one of the error codes of PROTOCOL.md."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class _Client(BaseModel):
    model_config = ConfigDict(extra="forbid", str_max_length=8192)


class Hello(_Client):
    type: Literal["hello"]
    room: str = Field(max_length=16)
    role: Literal["team", "projector", "facilitator"]
    token: str = Field(default="", max_length=128)


class Act(_Client):
    type: Literal["act"]
    version: int = Field(ge=0)
    action: str = Field(min_length=1, max_length=4096)


class Control(_Client):
    type: Literal["control"]
    version: int = Field(ge=0)
    op: Literal["start", "pause", "resume", "end_round", "inject", "seat_ai", "seat_team", "reissue",
                "time_limit", "ai_level"]
    faction: str = Field(default="", max_length=40)
    event: str = Field(default="", max_length=80)
    level: Literal["", "random", "easy", "normal", "hard"] = ""
    seconds: int = Field(default=0, ge=0, le=3600)


class Ping(_Client):
    type: Literal["ping"]


ClientFrame = Annotated[Union[Hello, Act, Control, Ping], Field(discriminator="type")]
_client = TypeAdapter(ClientFrame)


def parse_client(text: Any) -> Hello | Act | Control | Ping:
    if not isinstance(text, str):
        raise FrameError("bad_frame", "frames are JSON text")
    if len(text) > MAX_FRAME_CHARS:
        raise FrameError("too_big", f"frame too large: a frame is at most {MAX_FRAME_CHARS} characters "
                                    "(it was not read)")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise FrameError("bad_json", "the frame is not JSON") from None
    try:
        return _client.validate_python(data)
    except ValidationError as e:
        where = ", ".join(".".join(str(p) for p in err["loc"]) or "frame" for err in e.errors()[:3])
        raise FrameError("bad_frame", f"the frame does not fit the protocol (at: {where[:200]})") from None


# ---------------------------------------------------------------- server frames
class _Server(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int


class LogItem(BaseModel):
    step: int
    who: str = ""
    ai: bool = False
    en: str
    ja: str
    reason: str = ""


class Welcome(_Server):
    type: Literal["welcome"] = "welcome"
    protocol: int = PROTOCOL
    room: str
    role: str
    faction: str = ""
    team: str = ""
    texts: dict            # names of factions, cards, options ... in en and ja (the ruleset's)


class StateFrame(_Server):
    type: Literal["state"] = "state"
    room: dict             # status: started, paused, over, seats, clock
    view: dict             # view(state, faction), or the public view for the projector
    legal: list[str]       # action ids this seat may send now (a menu, for proposals)
    log: list[LogItem]     # new log lines (all visible ones on a full resync)
    full: bool = False     # True: `log` is the whole visible log tail, replace what you hold
    extra: dict = Field(default_factory=dict)  # the facilitator's: links, connections, events


class ErrorFrame(_Server):
    type: Literal["error"] = "error"
    code: str
    message: str


class LinkFrame(_Server):
    """To the facilitator alone: a team's new link after a re-issue (the old one is revoked)."""
    type: Literal["link"] = "link"
    faction: str
    token: str


class Pong(_Server):
    type: Literal["pong"] = "pong"


def dump(frame: _Server) -> str:
    return frame.model_dump_json()
