"""Games set up at a given moment, for screenshots, tests and the frame-time bench."""
from __future__ import annotations

from game.ai.bots import make_bot
from game.engine import Action, answer, decision_kind, legal_actions
from game.saves.session import GameSession
from game.ui.files import DEFAULT_RULESET, load_ruleset
from game.ui.match import Match


def ai_actions(ruleset, seed: int, stop, limit: int = 3000, lang: str = "en") -> tuple[list, GameSession]:
    """Play an all-AI game until `stop(state)`; the actions taken and the session."""
    session = GameSession.new(ruleset, seed=seed, seats={f.id: "ai:easy" for f in ruleset.factions})
    bots = {f.id: make_bot("easy", f.id, seed * 31 + i + 1) for i, f in enumerate(ruleset.factions)}
    for bot in bots.values():
        bot.lang = lang  # the reasons in the log speak the screenshot's language
    for _ in range(limit):
        if session.over or stop(session.state):
            break
        d = session.decider()
        action, reason = bots[d].choose(session.state, d)
        session.apply(action, reason)
    return list(zip(session.actions, session.reasons)), session


def session_with(ruleset, seed: int, seats: dict[str, str], actions) -> GameSession:
    s = GameSession.new(ruleset, seed=seed, seats=seats)
    for a, reason in actions:
        s.apply(Action.from_dict(a), reason)
    return s


def default_ruleset():
    return load_ruleset(DEFAULT_RULESET)


def match_at(scene: str, ruleset=None, seed: int = 7, lang: str = "en") -> Match:
    """A Match at a moment that shows `scene`: table, decision, proposal, handoff or end."""
    rs = ruleset or default_ruleset()
    ids = [f.id for f in rs.factions]
    teams = {ids[0]: "Team Sakura", ids[min(3, len(ids) - 1)]: "Team Hangang"}
    if scene in ("end", "whatif"):
        acts, _ = ai_actions(rs, seed, lang=lang, stop=lambda s: False)
        seats = {f: "ai:normal" for f in ids}
        seats[ids[0]] = "human"
        seats[ids[min(3, len(ids) - 1)]] = "human"
        m = Match(session_with(rs, seed, seats, acts), teams, speed="skip")
        return m
    if scene == "decision":
        acts, s = ai_actions(rs, seed, lang=lang, stop=lambda st: decision_kind(st) in ("response", "choice")
                             and st.round >= 1 and st.phase == "actions")
        if s.over or decision_kind(s.state) not in ("response", "choice"):
            acts, s = ai_actions(rs, seed, lang=lang, stop=lambda st: decision_kind(st) in ("response", "choice", "vote", "proposal"))
        who = s.decider() or ids[0]
    elif scene == "proposal":
        acts, s = ai_actions(rs, seed, lang=lang, stop=lambda st: st.round >= 2 and st.phase == "negotiation"
                             and st.game.factions[st.turn_idx] == ids[0] and not st.pending)
        who = ids[0]
    elif scene == "counter":  # the first human rejected an offer and may now counter it
        # an offer the first human may counter (a counter uses one of its own proposals)
        acts, s = ai_actions(rs, seed, lang=lang, stop=lambda st: decision_kind(st) == "proposal"
                             and st.game.factions[st.pending[0].faction] == ids[0]
                             and answer(ids[0], "counter") in legal_actions(st, ids[0]))
        who = ids[0]
        if not s.over and decision_kind(s.state) == "proposal":
            s.apply(answer(who, "counter"), "")
            acts = list(zip(s.actions, s.reasons))
    else:  # table, handoff: the first human's first card play in round 2
        acts, s = ai_actions(rs, seed, lang=lang, stop=lambda st: st.round >= 2 and st.phase == "actions"
                             and not st.pending and st.game.factions[st.turn_idx] == ids[0])
        who = ids[0]
    seats = {f: "ai:normal" for f in ids}
    seats[who] = "human"
    if scene == "handoff":
        other = ids[min(3, len(ids) - 1)]
        seats[other] = "human"
    m = Match(session_with(rs, seed, seats, acts), teams, speed="skip")
    if scene == "handoff":
        m.viewer = ids[min(3, len(ids) - 1)]
    else:
        m.viewer = who
    return m
