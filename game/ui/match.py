"""A game as the window plays it: the GameSession, who sits where, the bots and the log.

The window never changes the state itself: humans' choices and bots' choices both go through
`GameSession.apply` (that is, the engine's `apply`). Bots think in a worker thread.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field

from game.ai.bots import make_bot, seat_bot
from game.engine import Action, IllegalAction, current_decider, decision_kind, legal_actions, pass_, Names, log_lines
from game.saves.session import GameSession
from game.saves.undo_words import took_back
from game.ui.files import saves_dir
from game.ui.i18n import reason_text

AI_DELAY = {"normal": 0.9, "fast": 0.25, "skip": 0.0}


def restore(app, session: GameSession, keep_lang: bool = False) -> "Match":
    """The Match of a loaded game, with what its table set up: the language (the window switches
    to it unless `keep_lang`), the AI pace, the team names; later moves autosave without
    replacing another line."""
    ahead = session.follow(saves_dir())
    if not keep_lang and session.lang in ("en", "ja") and session.lang != app.settings.lang:
        app.settings.lang = session.lang
        app.relayout()
    match = Match(session, speed=session.options.ai_speed or app.settings.ai_speed)
    match.ahead = ahead
    return match


@dataclass
class LogLine:
    text: str
    faction: str = ""
    detail: bool = False       # an indented consequence
    reason: str = ""           # an AI's one-line reason for this move
    step: int = 0


@dataclass
class Match:
    session: GameSession
    teams: dict[str, str] = field(default_factory=dict)
    viewer: str | None = None                  # the human seat the screen belongs to now
    speed: str = "normal"
    lang: str = "en"                           # the bots' reasons' language (the table keeps it current)

    def __post_init__(self) -> None:
        # one dict of team names, the session's: what the panels and covers show is what a save keeps
        if self.teams:
            self.session.teams = {f: t for f, t in self.teams.items() if t}
        self.teams = self.session.teams
        if self.session.lang:
            self.lang = self.session.lang
        self._ready = True
        self.ahead = None          # a loaded game's further-along autosave: its next move starts a branch
        self.bots = {}
        for i, (f, seat) in enumerate(self.session.seats.items()):
            if seat.startswith("ai"):
                self.bots[f] = seat_bot(seat, f, self.session.seed * 31 + i + 1)
        humans = self.humans()
        if len(humans) == 1:
            self.viewer = humans[0]
        self._worker: threading.Thread | None = None
        self._result: tuple[Action, str] | None = None
        self._error: str | None = None
        self._thinking_for: str | None = None
        self.highlight: str | None = None
        self.highlight_left = 0.0
        self._log_cache: tuple | None = None
        self._log: list[LogLine] = []

    def __setattr__(self, name: str, value) -> None:
        object.__setattr__(self, name, value)
        if name == "lang" and self.__dict__.get("_ready"):
            self.session.lang = value      # the table's language goes into the save

    # ---------------------------------------------------------------- who
    @property
    def state(self):
        return self.session.state

    def humans(self) -> list[str]:
        return self.session.humans()

    def decider(self) -> str | None:
        return current_decider(self.state)

    def kind(self) -> str:
        return decision_kind(self.state)

    def is_human(self, f: str | None) -> bool:
        return self.session.is_human(f)

    def handoff_to(self) -> str | None:
        """The human seat the screen must be passed to before anything more is shown, if any."""
        d = self.decider()
        if d is None or not self.is_human(d) or d == self.viewer:
            return None
        if len(self.humans()) == 1:
            self.viewer = d
            return None
        return d

    def take_seat(self, faction: str) -> None:
        self.viewer = faction

    def my_turn(self) -> bool:
        d = self.decider()
        return d is not None and d == self.viewer and self.is_human(d)

    # ---------------------------------------------------------------- acting
    def human_apply(self, action: Action) -> str | None:
        """Apply a human's action; the reason it is illegal, or None when it was applied."""
        if not self.my_turn() or action.faction != self.viewer:
            return "it is not your decision"
        try:
            self.session.apply(action, "")
        except IllegalAction as e:
            return str(e)
        return None

    def can_undo(self) -> bool:
        """True when the viewer has a move of their own they may still take back."""
        return self.viewer is not None and bool(self.session.undo_options(self.viewer))

    def undo(self) -> str:
        """Take back the viewer's last move and the AI moves after it (a replay of the log without
        them); what was taken back, in the player's words, or '' when nothing could be."""
        f = self.viewer
        if f is None:
            return ""
        self.wait_ai()        # a bot thinking about the old position must not move in the new one
        self._worker, self._result, self._thinking_for = None, None, None
        self.highlight, self.highlight_left = None, 0.0
        removed = self.session.undo(f)
        return took_back(removed, f, self.names(self.lang), self.lang) if removed else ""

    def thinking(self) -> str | None:
        return self._thinking_for

    def tick(self, dt: float) -> bool:
        """Run the AI: start a bot, apply its move when ready, hold a short highlight.
        True while anything is moving."""
        if self.highlight_left > 0:
            self.highlight_left = max(0.0, self.highlight_left - dt)
            if self.highlight_left > 0:
                return True
            self.highlight = None
        if self.state.over:
            return False
        d = self.decider()
        if d is None or self.is_human(d):
            return False
        if self._worker is None:
            self._start(d)
            if self._worker is None:
                return True
        if self._worker.is_alive():
            return True
        self._worker = None
        result, self._result, self._thinking_for = self._result, None, None
        if result is None:
            acts = legal_actions(self.state, d)
            result = (acts[-1], "no move found") if acts else None
            if result is None:
                return False
        action, reason = result
        try:
            self.session.apply(action, reason)
        except IllegalAction:
            acts = legal_actions(self.state, d)
            fallback = pass_(d) if any(a.kind == "pass" for a in acts) else acts[0]
            self.session.apply(fallback, "fallback: its choice was not legal")
        self.highlight = d
        self.highlight_left = AI_DELAY.get(self.speed, 0.9)
        return True

    def _start(self, faction: str) -> None:
        bot = self.bots.get(faction)
        if bot is None:
            bot = self.bots[faction] = make_bot("normal", faction, self.session.seed)
        bot.lang = self.lang
        state = self.state
        self._thinking_for = faction

        def work() -> None:
            try:
                self._result = bot.choose(state, faction)
            except Exception as e:  # a bot failing must not stop the game: it passes instead
                self._error = f"{type(e).__name__}: {e}"
                self._result = None

        self._worker = threading.Thread(target=work, name=f"bot-{faction}", daemon=True)
        self._worker.start()

    def wait_ai(self) -> None:
        """Block until the running bot is done (tests and screenshots)."""
        if self._worker is not None:
            self._worker.join()

    # ---------------------------------------------------------------- log
    def log(self, lang: str) -> list[LogLine]:
        """The log lines of every event so far, built incrementally (describe() is not free)."""
        events = self.session.events
        cache = self._log_cache
        if cache is None or cache[1] != lang or cache[0] > len(events) or cache[2] is not self.session:
            self._log, self._log_last_step, done = [], -1, 0
        else:
            done = cache[0]
        if done == len(events):
            return self._log
        g = self.state.game
        reasons = self.session.reasons
        actions = self.session.actions
        out = self._log
        new = events[done:]
        k = 0
        while k < len(new):  # one step at a time: a step's events are its action's causes and effects
            step = new[k][0]
            end = k
            while end < len(new) and new[end][0] == step:
                end += 1
            self._log_step(out, step, [ev for _, ev in new[k:end]], g, lang, reasons, actions)
            k = end
        self._log_cache = (len(events), lang, self.session)
        return out

    def _log_step(self, out: list, step: int, evs: list[dict], g, lang: str, reasons, actions) -> None:
        for line, detail, i in log_lines(evs, g, lang):
            ev = evs[i]
            who = ev.get("faction") or ev.get("by") or ev.get("from") or ""
            entry = LogLine(line.strip(), who if isinstance(who, str) else "", detail, "", step)
            if step != self._log_last_step and step > 0 and not detail:
                reason = reasons[step - 1] if step - 1 < len(reasons) else ""
                if reason and actions[step - 1].get("faction") == entry.faction:
                    entry.reason = reason_text(reason, lang)
                self._log_last_step = step
            out.append(entry)

    def names(self, lang: str) -> Names:
        n = getattr(self, "_names", None)
        if n is None or n.lang != lang or n.g is not self.state.game:
            n = self._names = Names(self.state.game, lang)
        return n
