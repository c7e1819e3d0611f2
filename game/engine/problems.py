"""Why an action is not allowed: a code with parameters, and its words in each language.

`why_not`, `play_problem`, `option_problem` and the proposal and facilitator checks return a
`Problem`; front ends show `problem.text(lang)`, tests and programs read `problem.code`. The
parameters hold ids (of factions, cards, resources, coalitions, events, tags) and numbers, never
words: `text` turns the ids into names of the language (English keeps some ids as they are, as
the words always have). `str(problem)` is the English text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from game.engine.describe import Names

# code -> (English, Japanese). Placeholders name their parameter; PARAM_KINDS says what it is.
PROBLEMS: Mapping[str, tuple[str, str]] = MappingProxyType({
    # playing a card
    "no_card": ("there is no card '{card}'", "カード「{card}」はありません"),
    "not_in_hand": ("'{card}' is not in {f}'s hand", "「{card}」は{f}の手札にありません"),
    "cost": ("costs {cost} {res}; {f} has {has}", "コスト{cost} {res}が必要：{f}は{has}"),
    "choose_target": ("choose a target", "対象を選んでください"),
    "no_faction": ("there is no faction '{t}'", "国・地域「{t}」はありません"),
    "self": ("you cannot target yourself", "自分は対象にできません"),
    "only": ("can target only {ts}", "対象にできるのは{ts}だけです"),
    "no_target": ("this card takes no target", "このカードに対象はありません"),
    "condition": ("its condition is not met now", "今は使う条件を満たしていません"),
    "promise": ("a binding promise to {t} forbids {tag} cards against it",
                "{t}への拘束力のある約束で、{t}に{tag}は使えません"),
    "member": ("{t} is already in {k}", "{t}はすでに{k}に加盟しています"),
    "may_not_join": ("{t} may not join {k}", "{t}は{k}に加盟できません"),
    "empty": ("it would change nothing now", "今は何も変わりません"),
    # whose decision, which kind of action
    "game_over": ("the game is over", "ゲームは終わっています"),
    "no_such_faction": ("there is no faction '{f}'", "国・地域「{f}」はありません"),
    "not_your_decision": ("it is {decider}'s decision ({kind}), not {f}'s", "今は{decider}の番です（{kind}）。{f}の番ではありません"),
    "option_closed": ("'{option}' is closed: {why}", "「{option}」は選べません：{why}"),
    "no_counter_left": ("{f} has no counter-proposal left this round", "{f}はこのラウンドにもう対案を出せません"),
    "nothing_to_answer": ("nothing to answer: {f} must {kind}", "答える問いはありません：{f}は{kind}の番です"),
    "not_an_option": ("'{option}' is not an option (options: {options})", "「{option}」は選択肢にありません（選択肢：{options}）"),
    "must_answer": ("{f} must answer a {kind}", "{f}は{kind}に答えなければなりません"),
    "not_negotiation": ("proposals are made in the negotiation phase", "提案は交渉フェーズに行います"),
    "no_proposal": ("a proposal is missing", "提案がありません"),
    "not_actions": ("cards are played in the actions phase ({f} must now: {kind})",
                    "カードは行動フェーズに使います（{f}の今の番：{kind}）"),
    "unknown_kind": ("unknown action kind '{kind}'", "不明な行動の種類「{kind}」"),
    # sending a proposal
    "no_recipient": ("a proposal needs at least one recipient", "提案には相手が少なくとも1つ必要です"),
    "recipient_twice": ("a recipient is named twice", "同じ相手が2回指定されています"),
    "no_recipient_faction": ("there is no faction '{r}'", "国・地域「{r}」はありません"),
    "to_yourself": ("you cannot send a proposal to yourself", "自分には提案できません"),
    "counter_to": ("a counter-proposal goes to {r} only", "対案は{r}にだけ送れます"),
    "no_terms": ("a proposal needs at least one term", "提案には条件が少なくとも1つ必要です"),
    "too_many_terms": ("at most {n} terms in one proposal", "1つの提案の条件は{n}個までです"),
    "not_a_party": ("term '{term}' names a faction that is not a party to the proposal",
                    "条件「{term}」が提案の当事者でない国・地域を指定しています"),
    "not_tradeable": ("'{resource}' cannot be traded (tradeable: {tradeable})",
                      "「{resource}」は取引できません（取引できるもの：{tradeable}）"),
    "amount": ("an amount must be from 1 to {n}", "量は1から{n}までです"),
    "gift_receiver": ("a gift needs a different receiver", "贈与には別の受け手が必要です"),
    "promise_tag": ("promises may cover only: {tags}", "約束できるのは次だけです：{tags}"),
    "promise_toward": ("a promise is made toward another party", "約束は他の当事者に対して行います"),
    "no_coalition": ("there is no coalition '{coalition}'", "連合「{coalition}」はありません"),
    "term_member": ("{a} is already in {coalition}", "{a}はすでに{coalition}に加盟しています"),
    "term_may_not_join": ("{a} may not join {coalition}", "{a}は{coalition}に加盟できません"),
    "unknown_term": ("unknown term '{term}'", "不明な条件「{term}」"),
    "can_no_longer_join": ("{a} can no longer join {coalition}", "{a}はもう{coalition}に加盟できません"),
    "deal_short": ("{a} has {has} {resource}, not the {n} the deal needs",
                   "{a}の{resource}は{has}で、取引に必要な{n}に足りません"),
    "deal_room": ("{a} has no room for {n} more {resource} (at most {max})",
                  "{a}は{resource}をあと{n}受け取れません（上限{max}）"),
    # the facilitator
    "facilitator_fields": ("a facilitator action names no faction, card, target or proposal",
                           "進行役の行動は国・地域、カード、対象、提案を指定しません"),
    "no_event": ("there is no event '{event}'", "イベント「{event}」はありません"),
    "not_crisis": ("'{event}' is not a crisis", "「{event}」は危機ではありません"),
    "happened": ("'{event}' has already happened", "「{event}」はすでに起きました"),
    "end_round_option": ("end_round takes no option", "end_roundに選択肢はありません"),
    "decision_pending": ("a decision is pending: it must be answered first", "未決の判断があります：先に答えてください"),
    "not_in_round": ("the round is not in its negotiation or actions", "ラウンドは交渉フェーズでも行動フェーズでもありません"),
    "unknown_facilitator": ("unknown facilitator action '{kind}'", "不明な進行役の行動「{kind}」"),
})

# What a parameter holds, by its name. Factions, cards and events are ids in English and names in
# Japanese; `res` and `k` are names in both (the English words always named them so); `resource`
# and `coalition` are ids in English; lists are joined as the language joins them.
PARAM_KINDS: Mapping[str, str] = MappingProxyType({
    "f": "faction", "t": "faction", "a": "faction", "r": "faction", "decider": "faction",
    "ts": "factions", "card": "card", "event": "event", "res": "resource_name", "k": "coalition_name",
    "resource": "resource", "coalition": "coalition", "tag": "tag", "tags": "tags",
    "tradeable": "resources", "why": "problem",
})


@dataclass(frozen=True, slots=True)
class Problem:
    """Why an action is not allowed now: `code` (a key of PROBLEMS) and its parameters.

    `game` (the compiled ruleset, for names) takes no part in equality."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)
    game: object = field(default=None, compare=False, repr=False)

    def text(self, lang: str = "en") -> str:
        """The problem in words, in `lang` ("en" or "ja"; other languages read English)."""
        en, ja = PROBLEMS[self.code]
        ja_ = lang == "ja"
        names = Names(self.game, lang) if self.game is not None else None
        words = {k: _word(PARAM_KINDS.get(k, ""), v, lang, names, ja_) for k, v in self.params.items()}
        return (ja if ja_ else en).format(**words)

    def __str__(self) -> str:
        return self.text("en")

    def __hash__(self) -> int:
        return hash((self.code, tuple(sorted((k, repr(v)) for k, v in self.params.items()))))


def problem(code: str, game: object = None, **params: object) -> Problem:
    """A Problem of `code` with `params` (checked against the table: an unknown code is a bug)."""
    if code not in PROBLEMS:
        raise KeyError(f"no problem '{code}' in the message table")
    return Problem(code, params, game)


def _word(kind: str, value: object, lang: str, names, ja: bool) -> str:
    if kind == "problem":
        return value.text(lang) if isinstance(value, Problem) else str(value)
    if isinstance(value, (list, tuple)):
        one = {"factions": "faction", "tags": "tag", "resources": "resource"}.get(kind, "")
        joined = ("、" if ja else ", ").join(_word(one, v, lang, names, ja) for v in value)
        return joined or (("なし" if ja else "nothing") if kind == "resources" else "")
    text = str(value)
    if names is None or kind == "":
        return text
    if kind == "resource_name":
        return names.resource(text)
    if kind == "coalition_name":
        return names.coalition(text)
    if not ja:
        return text
    return {"faction": names.faction, "card": names.card, "event": names.event, "resource": names.resource,
            "coalition": names.coalition, "tag": names.tag}.get(kind, str)(text)
