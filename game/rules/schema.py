"""The ruleset format: pydantic v2 models for every concept a scenario defines.

A ruleset is data only. Effects and conditions are closed sets of declarative
primitives (discriminated unions on `op` and `test`); nothing here executes.
Cross-references (a card naming a missing faction, ...) are checked after
parsing by `game.rules.crossref`.

Faction references ("who") are strings:
  actor    the faction that played the card / made the proposal / is in context
  target   the card's target (or the faction a crisis choice is offered to)
  chooser  the faction answering a response or choice
  all      every faction;  others  every faction but the actor
  members:<coalition>  every member of a coalition
  <faction id>         that faction
"""
from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

FAMILIES = ("tariff", "threat", "coalition", "dialogue", "deterrence", "aid", "deal")
ID_PATTERN = r"^[a-z][a-z0-9_]*$"

Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=64)]


class Ref:
    """Marks a field of an effect or condition as naming something: `game.rules.crossref` checks
    it exists (and pruning a variant follows it), `game.rules.tree.refs` lists it. Kinds: who,
    payee (one faction), resource, track, coalition, faction (a list of ids), tag, flag (read),
    sets_flag (set)."""

    __slots__ = ("kind",)

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def __repr__(self) -> str:
        return f"Ref({self.kind!r})"


Who = Annotated[str, Ref("who")]
ResourceId = Annotated[Id, Ref("resource")]
TrackId = Annotated[Id, Ref("track")]
CoalitionId = Annotated[Id, Ref("coalition")]


class Model(BaseModel):
    """Base for every ruleset model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_text(value: object) -> object:
    if isinstance(value, dict):
        if "en" not in value:
            raise ValueError("a translated text needs an 'en' entry (English is required)")
        for lang, text in value.items():
            if not isinstance(lang, str) or not isinstance(text, str):
                raise ValueError("a translated text maps a language code to a string")
    return value


Text = Annotated[
    Union[str, dict[str, str]],
    AfterValidator(_check_text),
    Field(description="A string, or a mapping of language to string with 'en' required"),
]


def text_of(value: "str | dict[str, str] | None", lang: str = "en") -> str:
    """The text in `lang`, falling back to English."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get("en", "")


# ---------------------------------------------------------------- conditions


class _Bounds(Model):
    min: int | None = None
    max: int | None = None


class TrackCond(_Bounds):
    """True when a track's value lies within [min, max]."""

    test: Literal["track"]
    track: TrackId


class ResourceCond(_Bounds):
    """True when `who`'s resource lies within [min, max] (for every faction `who` names)."""

    test: Literal["resource"]
    who: Who = "actor"
    resource: ResourceId


class TrustCond(_Bounds):
    """True when trust between `a` and `b` lies within [min, max]."""

    test: Literal["trust"]
    a: Who = "actor"
    b: Who = "target"


class MemberCond(Model):
    """True when `who` belongs to the coalition."""

    test: Literal["member"]
    who: Who = "actor"
    coalition: CoalitionId


class MembersCond(_Bounds):
    """True when the coalition's member count lies within [min, max]."""

    test: Literal["members"]
    coalition: CoalitionId


class FlagCond(_Bounds):
    """True when a flag's value (0 when unset) lies within [min, max]; with no bounds, when it is set."""

    test: Literal["flag"]
    flag: Annotated[Id, Ref("flag")]


class RoundCond(_Bounds):
    """True when the round number lies within [min, max]."""

    test: Literal["round"]


class FactionCond(Model):
    """True when `who` is one of the listed factions."""

    test: Literal["faction"]
    who: Who = "target"
    is_: Annotated[list[Id], Ref("faction")] = Field(alias="in", min_length=1)


class AllCond(Model):
    test: Literal["all"]
    of: list["Condition"] = Field(min_length=1)


class AnyCond(Model):
    test: Literal["any"]
    of: list["Condition"] = Field(min_length=1)


class NotCond(Model):
    test: Literal["not"]
    of: "Condition"


Condition = Annotated[
    Union[
        TrackCond, ResourceCond, TrustCond, MemberCond, MembersCond, FlagCond,
        RoundCond, FactionCond, AllCond, AnyCond, NotCond,
    ],
    Field(discriminator="test"),
]


# ---------------------------------------------------------------- effects


class Times(Model):
    """Multiplies an amount: by a coalition's member count."""

    members: CoalitionId


class ResourceEffect(Model):
    """Change a resource of every faction `who` names by `delta` (clamped to bounds)."""

    op: Literal["resource"]
    who: Who = "actor"
    resource: ResourceId
    delta: int = Field(ge=-100, le=100)
    times: Times | None = None


class TrackEffect(Model):
    """Change a global track by `delta` (clamped); thresholds crossed fire."""

    op: Literal["track"]
    track: TrackId
    delta: int = Field(ge=-100, le=100)
    times: Times | None = None


class TrustEffect(Model):
    """Change trust between `a` and every faction `b` names by `delta`."""

    op: Literal["trust"]
    a: Who = "actor"
    b: Who = "target"
    delta: int = Field(ge=-100, le=100)


class TransferEffect(Model):
    """Move up to `amount` of a resource from one faction to another (limited by what it has)."""

    op: Literal["transfer"]
    from_: Who = Field(alias="from")
    to: Who
    resource: ResourceId
    amount: int = Field(ge=1, le=100)


class PayEffect(Model):
    """A price the deciding faction chooses to pay: exactly `amount` of a resource, optionally to
    another faction. A move whose price its chooser cannot pay is not legal (a loss imposed on a
    faction is a `resource` effect instead, and clamps at the bound)."""

    op: Literal["pay"]
    resource: ResourceId
    amount: int = Field(ge=1, le=100)
    to: Annotated[str | None, Ref("payee")] = Field(default=None, description="who receives the payment (one faction); none = nobody")


class DrawEffect(Model):
    """`who` draws cards from its deck."""

    op: Literal["draw"]
    who: Who = "actor"
    count: int = Field(default=1, ge=1, le=10)


class DiscardEffect(Model):
    """`who` discards cards at random from its hand."""

    op: Literal["discard"]
    who: Who = "actor"
    count: int = Field(default=1, ge=1, le=10)


class JoinEffect(Model):
    """`who` joins a coalition (if it may and is not yet a member)."""

    op: Literal["join"]
    who: Who = "actor"
    coalition: CoalitionId


class LeaveEffect(Model):
    """`who` leaves a coalition."""

    op: Literal["leave"]
    who: Who = "actor"
    coalition: CoalitionId


class CommitEffect(Model):
    """`who` commits not to play cards tagged `tag` against `toward` for `rounds` rounds."""

    op: Literal["commit"]
    who: Who = "actor"
    toward: Who = "target"
    tag: Annotated[Id, Ref("tag")]
    rounds: int = Field(default=2, ge=1, le=20)


class FlagEffect(Model):
    """Set a named flag (a global counter) to `value`; `add` adds instead of setting."""

    op: Literal["flag"]
    flag: Annotated[Id, Ref("sets_flag")]
    value: int = Field(default=1, ge=-1000, le=1000)
    add: bool = False


class IfEffect(Model):
    """Run `then` when the condition holds, `else` otherwise."""

    op: Literal["if"]
    cond: Condition
    then: list["Effect"] = Field(default_factory=list)
    else_: list["Effect"] = Field(default_factory=list, alias="else")


class ChanceEffect(Model):
    """Roll the game's seeded RNG: `then` with `percent`% chance, else `else`."""

    op: Literal["chance"]
    percent: int = Field(ge=0, le=100)
    then: list["Effect"] = Field(default_factory=list)
    else_: list["Effect"] = Field(default_factory=list, alias="else")


class Option(Model):
    """One answer to a response window or choice, with its own effects."""

    id: Id
    label: Text
    effects: list["Effect"] = Field(default_factory=list)
    requires: Condition | None = None
    ai_hint: Literal["concede", "defy", "cooperate", "escalate", "neutral"] = "neutral"


class ChoiceEffect(Model):
    """Offer a choice to each faction `who` names, in order; its answer runs the option's effects."""

    op: Literal["choice"]
    who: Who = "target"
    prompt: Text
    options: list[Option] = Field(min_length=1)


Effect = Annotated[
    Union[
        ResourceEffect, TrackEffect, TrustEffect, TransferEffect, PayEffect, DrawEffect,
        DiscardEffect, JoinEffect, LeaveEffect, CommitEffect, FlagEffect,
        IfEffect, ChanceEffect, ChoiceEffect,
    ],
    Field(discriminator="op"),
]


# ---------------------------------------------------------------- definitions


class Resource(Model):
    id: Id
    name: Text
    min: int = 0
    max: int = 20

    @model_validator(mode="after")
    def _bounds(self) -> "Resource":
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is greater than max ({self.max})")
        return self


class Threshold(Model):
    """Fires when the track reaches `at` (going up) or falls to `at` (`direction: down`)."""

    at: int
    direction: Literal["up", "down"] = "up"
    effects: list[Effect] = Field(default_factory=list)
    ends_game: Literal["war", "collapse"] | None = None
    message: Text | None = None


class Track(Model):
    id: Id
    name: Text
    min: int = 0
    max: int = 10
    start: int = 0
    thresholds: list[Threshold] = Field(default_factory=list)
    text: Text | None = None

    @model_validator(mode="after")
    def _bounds(self) -> "Track":
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is greater than max ({self.max})")
        if not self.min <= self.start <= self.max:
            raise ValueError(f"start ({self.start}) is outside the track's bounds {self.min}..{self.max}")
        return self


class Personality(Model):
    """Traits the scripted AI reads; each from 0 to 1."""

    hawk: float = Field(default=0.5, ge=0, le=1, description="prefers deterrence and threats")
    multilateral: float = Field(default=0.5, ge=0, le=1, description="prefers coalitions over bilateral deals")
    risk: float = Field(default=0.5, ge=0, le=1, description="tolerance of Tension")
    loyalty: float = Field(default=0.5, ge=0, le=1, description="keeps commitments")
    accept_margin: float = Field(default=0.5, ge=0, le=10, description="score gain a deal must promise")
    values: list[Id] = Field(default_factory=list, description="resources or goals it values most")


class Faction(Model):
    id: Id
    name: Text
    color: str = Field(pattern=r"^#[0-9a-fA-F]{6}$")
    start: dict[Id, int] = Field(default_factory=dict, description="starting resources")
    weights: dict[Id, float] = Field(default_factory=dict, description="score weight per resource or shared goal")
    ai: Personality = Field(default_factory=Personality)
    briefing: Text | None = None
    decision: Text | None = None
    emblem: str | None = None
    holds: list[str] = Field(default_factory=list, description=(
        "cards its deck also holds where their `holders` leave it out: a card id, or `family:<tag>` for "
        "every card of that family that two or more factions hold (the shared cards)"))


class Response(Model):
    """A response window: the chooser picks one option before play goes on."""

    who: str = "target"
    prompt: Text
    options: list[Option] = Field(min_length=1)


class Vote(Model):
    """A resolution every faction votes on; ballots stay secret until all have voted."""

    prompt: Text
    threshold: int = Field(ge=1, description="yes votes needed to pass")
    passed: list[Effect] = Field(default_factory=list, alias="pass")
    failed: list[Effect] = Field(default_factory=list, alias="fail")


TargetKind = Literal["none", "faction"]


class Card(Model):
    id: Id
    name: Text
    text: Text
    tags: list[Id] = Field(min_length=1)
    cost: int = Field(default=1, ge=0, le=20)
    holders: list[Id] | None = Field(default=None, description="factions whose deck holds it; none = every faction")
    copies: int = Field(default=1, ge=1, le=5)
    target: TargetKind = "none"
    targets: list[Id] | None = Field(default=None, description="allowed targets; none = any other faction")
    requires: Condition | None = None
    effects: list[Effect] = Field(default_factory=list)
    response: Response | None = None
    vote: Vote | None = None
    source: str = Field(min_length=1, description="the passage of the brief this card comes from")

    @field_validator("tags")
    @classmethod
    def _family(cls, tags: list[str]) -> list[str]:
        if not any(t in FAMILIES for t in tags):
            raise ValueError(f"tags must include at least one family: {', '.join(FAMILIES)}")
        return tags

    @model_validator(mode="after")
    def _targeted(self) -> "Card":
        if self.target == "none" and self.targets:
            raise ValueError("'targets' is set but 'target' is none: set target: faction")
        return self


class Choice(Model):
    """A crisis choice offered to one faction."""

    who: Id
    prompt: Text
    options: list[Option] = Field(min_length=1)


class EventCard(Model):
    id: Id
    name: Text
    text: Text
    tags: list[Id] = Field(default_factory=list)
    crisis: bool = False
    hidden: bool = Field(default=False, description="drawn face down; strikes in the resolution phase")
    min_tension: int = 0
    once: bool = True
    requires: Condition | None = None
    effects: list[Effect] = Field(default_factory=list)
    choices: list[Choice] = Field(default_factory=list)
    source: str = Field(min_length=1)


class Coalition(Model):
    id: Id
    name: Text
    text: Text | None = None
    members: list[Id] = Field(default_factory=list, description="founding members")
    may_join: list[Id] | None = Field(default=None, description="who may join; none = anyone")
    on_join: list[Effect] = Field(default_factory=list, description="effects on the joining faction (actor)")
    each_round: list[Effect] = Field(default_factory=list, description="run once per member each round (actor = member)")
    source: str | None = None


class ProposalRules(Model):
    per_round: int = Field(default=1, ge=0, le=5)
    extra_counters: int = Field(default=1, ge=0, le=5, description=(
        "counter-proposals a faction may make in a round beyond its proposals (a counter uses one of "
        "its proposals while it has any), so negotiation always ends"))
    binding: bool = False
    max_terms: int = Field(default=3, ge=1, le=6)
    max_amount: int = Field(default=3, ge=1, le=20)
    commitment_rounds: int = Field(default=2, ge=1, le=10)
    accept_trust: int = 1
    break_trust: int = -2
    break_track: Id | None = "rules"
    break_track_delta: int = -1
    tradeable: list[Id] = Field(default_factory=list, description="resources that may be transferred")
    promise_tags: list[Id] = Field(default_factory=lambda: ["tariff", "threat"])


class Miscalculation(Model):
    """Each round: chance = base + per_level * max(0, track - above) - reductions; on a hit, effects."""

    track: Id = "tension"
    base: int = 0
    above: int = 3
    per_level: int = 6
    flag_reduction: dict[Id, int] = Field(default_factory=dict, description="flag -> percent off while set")
    trust_reduction: int = Field(default=2, description="percent off per point of mean positive trust")
    min: int = 0
    max: int = 60
    effects: list[Effect] = Field(default_factory=list)


class SupportRule(Model):
    """A faction whose `resource` is at its minimum loses its next round's actions and recovers `recover`."""

    resource: Id
    recover: int = 2


class Turn(Model):
    rounds: int = Field(default=8, ge=1, le=50)
    actions_per_round: int = Field(default=2, ge=1, le=6)
    hand_size: int = Field(default=5, ge=1, le=12)
    cost_resource: Id
    income: dict[Id, int] = Field(default_factory=dict, description="every faction gains these each round")
    events_per_round: int = Field(default=1, ge=0, le=5)
    extra_event_every: int = Field(default=4, ge=0, le=20, description="one more event per this much Tension (0 = never)")
    tension_track: Id = "tension"
    proposals: ProposalRules = Field(default_factory=ProposalRules)
    miscalculation: Miscalculation | None = None
    support: SupportRule | None = None


class SharedGoal(Model):
    """A shared goal scored from a track; `invert` scores distance from the top (peace)."""

    id: Id
    name: Text
    track: Id
    invert: bool = False


class Objective(Model):
    id: Id
    name: Text
    text: Text
    faction: Id | None = Field(default=None, description="owner; none = every faction")
    secret: bool = False
    points: int = Field(default=3, ge=-50, le=50)
    condition: Condition
    source: str | None = None


class WarRule(Model):
    everyone: int = -10
    trigger: int = -10


class Scoring(Model):
    shared: list[SharedGoal] = Field(default_factory=list)
    objectives: list[Objective] = Field(default_factory=list)
    war: WarRule = Field(default_factory=WarRule)


class Removals(Model):
    factions: list[Id] = Field(default_factory=list)
    cards: list[Id] = Field(default_factory=list)
    events: list[Id] = Field(default_factory=list)
    coalitions: list[Id] = Field(default_factory=list)
    objectives: list[Id] = Field(default_factory=list)
    tracks: list[Id] = Field(default_factory=list)
    resources: list[Id] = Field(default_factory=list)


class TrustRules(Model):
    min: int = -5
    max: int = 5
    start: int = 0
    pairs: list["TrustPair"] = Field(default_factory=list)


class TrustPair(Model):
    a: Id
    b: Id
    value: int


class Ruleset(Model):
    """A whole scenario."""

    name: Text
    version: str = "1"
    description: Text | None = None
    question: Text | None = Field(default=None, description="the decision question that opens the scenario")
    languages: list[str] = Field(default_factory=lambda: ["en"])
    factions: list[Faction] = Field(min_length=2)
    resources: list[Resource] = Field(min_length=1)
    tracks: list[Track] = Field(default_factory=list)
    trust: TrustRules = Field(default_factory=TrustRules)
    cards: list[Card] = Field(min_length=1)
    events: list[EventCard] = Field(default_factory=list)
    coalitions: list[Coalition] = Field(default_factory=list)
    turn: Turn
    scoring: Scoring = Field(default_factory=Scoring)
    short_variant: str | None = Field(default=None, description=(
        "the file (relative to this one) of this scenario's short game; the setup screen then offers "
        "a short/full switch"))


class Override(BaseModel):
    """In a variant, an entry whose id the base has: only the keys it names change (mappings merge
    key by key, a list or value replaces the base's), unless `replace: true` replaces the whole entry."""

    model_config = ConfigDict(extra="allow", frozen=True)

    id: Id
    replace: bool = Field(default=False, description="replace the base's entry whole instead of merging")


class Append(Model):
    """What a variant adds to lists of the base's entries, by entry id (`cards: {summit: {holders:
    [india]}}`), crisis choices added to events, and trust pairs added to the base's."""

    cards: dict[Id, dict[Literal["holders", "targets"], list[Id]]] = Field(default_factory=dict)
    coalitions: dict[Id, dict[Literal["members", "may_join"], list[Id]]] = Field(default_factory=dict)
    events: dict[Id, dict[Literal["choices"], list[Choice]]] = Field(default_factory=dict)
    trust_pairs: list["TrustPair"] = Field(default_factory=list)


class Variant(Model):
    """A ruleset that `extends` another: entries merge by id (or replace with `replace: true`),
    new ids are added, `append` adds ids to lists of the base's entries, `remove` drops entries
    (and prunes what only they meant)."""

    extends: str
    name: Text | None = None
    version: str | None = None
    description: Text | None = None
    question: Text | None = None
    languages: list[str] | None = None
    factions: list[Union[Faction, Override]] = Field(default_factory=list)
    resources: list[Union[Resource, Override]] = Field(default_factory=list)
    tracks: list[Union[Track, Override]] = Field(default_factory=list)
    trust: TrustRules | None = None
    cards: list[Union[Card, Override]] = Field(default_factory=list)
    events: list[Union[EventCard, Override]] = Field(default_factory=list)
    coalitions: list[Union[Coalition, Override]] = Field(default_factory=list)
    turn: dict | None = Field(default=None, description="keys to override in the base's turn")
    scoring: dict | None = Field(default=None, description="keys to override in the base's scoring")
    short_variant: str | None = None
    append: Append = Field(default_factory=Append)
    remove: Removals = Field(default_factory=Removals)


for _m in (AllCond, AnyCond, NotCond, IfEffect, ChanceEffect, Option, ChoiceEffect, TrustRules):
    _m.model_rebuild()
