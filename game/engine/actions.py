"""Actions: the only way state changes. Plain, hashable, serializable."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ActionKind(StrEnum):
    """What an action does. The values are the strings saves have always held."""

    PLAY = "play"            # play a card (at a target)
    PASS = "pass"            # end this negotiation, spend an action doing nothing, or decline to counter
    PROPOSE = "propose"      # send a proposal (or a counter-proposal)
    ANSWER = "answer"        # pick an option of the pending decision
    INJECT = "inject"        # the facilitator: a crisis strikes now
    END_ROUND = "end_round"  # the facilitator: the round goes straight to its resolution


class IllegalAction(ValueError):
    """Raised when an action is not legal now; the state is left unchanged. `problem` is the
    engine's Problem (code and parameters) when the rules refused it, None for a malformed id."""

    def __init__(self, message: str = "", problem: object = None) -> None:
        super().__init__(message)
        self.problem = problem


@dataclass(frozen=True, slots=True)
class Term:
    """One term of a proposal.

    give:    `a` gives `amount` of resource `what` to `b`
    promise: `a` will not play cards tagged `what` against `b` for the commitment period
    join:    `a` joins coalition `what`
    """

    kind: str  # give | promise | join
    a: str
    what: str
    b: str = ""
    amount: int = 0

    def to_dict(self) -> dict:
        """Plain JSON data (zero and empty fields left out)."""
        d = {"kind": self.kind, "a": self.a, "what": self.what}
        if self.b:
            d["b"] = self.b
        if self.amount:
            d["amount"] = self.amount
        return d

    @staticmethod
    def from_dict(d: dict) -> "Term":
        """The term `to_dict` wrote."""
        return Term(d["kind"], d["a"], d["what"], d.get("b", ""), int(d.get("amount", 0)))


@dataclass(frozen=True, slots=True)
class Proposal:
    """A bundle of terms sent to `recipients`; it is enacted when all of them accept."""

    recipients: tuple[str, ...]
    terms: tuple[Term, ...]

    def to_dict(self) -> dict:
        """Plain JSON data."""
        return {"recipients": list(self.recipients), "terms": [t.to_dict() for t in self.terms]}

    @staticmethod
    def from_dict(d: dict) -> "Proposal":
        """The proposal `to_dict` wrote."""
        return Proposal(tuple(d["recipients"]), tuple(Term.from_dict(t) for t in d["terms"]))


@dataclass(frozen=True, slots=True)
class Action:
    """kind is an ActionKind: play, pass, propose, answer (and the facilitator's inject, end_round).

    play:    play `card` (at `target` when the card is targeted)
    pass:    end this negotiation or spend an action doing nothing
    propose: send `proposal`
    answer:  pick `option` in a pending decision (a response, choice, vote, or proposal)
    """

    kind: ActionKind
    faction: str
    card: str = ""
    target: str = ""
    option: str = ""
    proposal: Proposal | None = field(default=None)

    def __post_init__(self) -> None:
        # a kind given as its string becomes the ActionKind (an unknown one stays: `why_not` names it)
        if self.kind.__class__ is str and self.kind in _KINDS:
            object.__setattr__(self, "kind", ActionKind(self.kind))

    def to_dict(self) -> dict:
        """Plain JSON data, as saves hold it (empty fields left out)."""
        d: dict = {"kind": self.kind, "faction": self.faction}
        if self.card:
            d["card"] = self.card
        if self.target:
            d["target"] = self.target
        if self.option:
            d["option"] = self.option
        if self.proposal is not None:
            d["proposal"] = self.proposal.to_dict()
        return d

    @staticmethod
    def from_dict(d: dict) -> "Action":
        """The action `to_dict` wrote (an unknown kind stays a plain string: `why_not` names it)."""
        prop = d.get("proposal")
        return Action(
            kind=d["kind"], faction=d["faction"], card=d.get("card", ""),
            target=d.get("target", ""), option=d.get("option", ""),
            proposal=Proposal.from_dict(prop) if prop else None,
        )


_KINDS = frozenset(ActionKind)
# the members as module constants for the engine's hot paths (see game.engine.state)
PLAY, PASS, PROPOSE, ANSWER, INJECT, END_ROUND = (
    ActionKind.PLAY, ActionKind.PASS, ActionKind.PROPOSE, ActionKind.ANSWER, ActionKind.INJECT,
    ActionKind.END_ROUND,
)


def play(faction: str, card: str, target: str = "") -> Action:
    """`faction` plays `card` (at `target` when the card is targeted)."""
    return Action(ActionKind.PLAY, faction, card=card, target=target)


def pass_(faction: str) -> Action:
    """`faction` passes."""
    return Action(ActionKind.PASS, faction)


def answer(faction: str, option: str) -> Action:
    """`faction` picks `option` in the decision pending for it."""
    return Action(ActionKind.ANSWER, faction, option=option)


def propose(faction: str, recipients: tuple[str, ...] | list[str], terms: tuple[Term, ...] | list[Term]) -> Action:
    """`faction` sends the proposal of `terms` to `recipients`."""
    return Action(ActionKind.PROPOSE, faction, proposal=Proposal(tuple(recipients), tuple(terms)))
