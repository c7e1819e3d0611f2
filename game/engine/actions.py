"""Actions: the only way state changes. Plain, hashable, serializable."""
from __future__ import annotations

from dataclasses import dataclass, field


class IllegalAction(ValueError):
    """Raised when an action is not legal now; the state is left unchanged."""


@dataclass(frozen=True, slots=True)
class Term:
    """One term of a proposal.

    give:    `a` gives `amount` of resource `what` to `b`
    promise: `a` will not play cards tagged `what` against `b` for the commitment period
    join:    `a` joins coalition `what`
    """

    kind: str
    a: str
    what: str
    b: str = ""
    amount: int = 0

    def to_dict(self) -> dict:
        d = {"kind": self.kind, "a": self.a, "what": self.what}
        if self.b:
            d["b"] = self.b
        if self.amount:
            d["amount"] = self.amount
        return d

    @staticmethod
    def from_dict(d: dict) -> "Term":
        return Term(d["kind"], d["a"], d["what"], d.get("b", ""), int(d.get("amount", 0)))


@dataclass(frozen=True, slots=True)
class Proposal:
    recipients: tuple[str, ...]
    terms: tuple[Term, ...]

    def to_dict(self) -> dict:
        return {"recipients": list(self.recipients), "terms": [t.to_dict() for t in self.terms]}

    @staticmethod
    def from_dict(d: dict) -> "Proposal":
        return Proposal(tuple(d["recipients"]), tuple(Term.from_dict(t) for t in d["terms"]))


@dataclass(frozen=True, slots=True)
class Action:
    """kind is one of: play, pass, propose, answer.

    play:    play `card` (at `target` when the card is targeted)
    pass:    end this negotiation or spend an action doing nothing
    propose: send `proposal`
    answer:  pick `option` in a pending decision (a response, choice, vote, or proposal)
    """

    kind: str
    faction: str
    card: str = ""
    target: str = ""
    option: str = ""
    proposal: Proposal | None = field(default=None)

    def to_dict(self) -> dict:
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
        prop = d.get("proposal")
        return Action(
            kind=d["kind"], faction=d["faction"], card=d.get("card", ""),
            target=d.get("target", ""), option=d.get("option", ""),
            proposal=Proposal.from_dict(prop) if prop else None,
        )


def play(faction: str, card: str, target: str = "") -> Action:
    return Action("play", faction, card=card, target=target)


def pass_(faction: str) -> Action:
    return Action("pass", faction)


def answer(faction: str, option: str) -> Action:
    return Action("answer", faction, option=option)


def propose(faction: str, recipients: tuple[str, ...] | list[str], terms: tuple[Term, ...] | list[Term]) -> Action:
    return Action("propose", faction, proposal=Proposal(tuple(recipients), tuple(terms)))
