"""Open a named scene at a telling moment, as `gui --scene` and the tests do (through the
router: `app.go`)."""
from __future__ import annotations

import time
from pathlib import Path

from game.engine import Term
from game.saves.format import SaveError
from game.saves.session import GameSession
from game.ui.classroom import demo_room
from game.ui.demo import match_at
from game.ui.files import DEFAULT_RULESET, RulesetProblem, load_ruleset
from game.ui.match import restore


def open_scene(app, scene: str, *, load: str | None = None, seed: int = 7, ruleset_path: str | None = None,
               interactive: bool = False, keep_lang: bool = False) -> str | None:
    """Put `scene` on screen; a problem as text, or None."""
    app.go("menu")
    if scene == "menu" and not load:
        return None
    if scene == "load" and not load:       # the saves of the saves folder ($REDLINES_HOME/saves)
        app.go("load")
        return None
    if load:
        try:
            session = GameSession.load(load)
        except SaveError as e:
            return str(e)
        match = restore(app, session, keep_lang=keep_lang)
        if not interactive:
            match.speed = "skip"
            session.autosave_dir = None     # a screenshot writes no autosave
        humans = session.humans()
        if humans and match.viewer is None:
            d = session.decider()
            match.viewer = d if d in humans else humans[0]
        return _show(app, match, "end" if session.over else scene if scene != "menu" else "table")
    try:
        ruleset = load_ruleset(ruleset_path or DEFAULT_RULESET)
    except RulesetProblem as e:
        return str(e)
    if scene == "host":
        host = app.go("host", ruleset_path=ruleset_path or DEFAULT_RULESET, seed=seed)
        if not interactive and not host.problem:   # a screenshot shows a room in play
            demo_room(host.room, {ruleset.factions[-1].id: "Hangang", ruleset.factions[-2].id: "Sakura"})
            pump_until(app, lambda: host.room.feed().version >= 4 or host.room.feed().room.get("decider") in
                       (ruleset.factions[-1].id, ruleset.factions[-2].id))
        return host.problem or None
    if scene == "setup":
        ids = [f.id for f in ruleset.factions]
        seats, teams = {}, {}
        if len(ids) > 3:
            seats[ids[3]] = "human"
            teams = {ids[0]: "Team Sakura", ids[3]: "Team Hangang"}
        app.go("setup", ruleset=ruleset, path=Path(ruleset_path) if ruleset_path else DEFAULT_RULESET,
               seats=seats, teams=teams)
        return None
    match = match_at({"objectives": "table"}.get(scene, scene), ruleset, seed, app.lang)
    if interactive:
        match.speed = app.settings.ai_speed
    return _show(app, match, scene)


def _show(app, match, scene: str) -> None:
    """The end (with what if? over it), or the table with the scene's dialog over it."""
    if scene in ("end", "whatif") or match.state.over:
        app.go("end", match=match)
        if scene == "whatif":
            app.go("whatif", match=match)
        return None
    table = app.go("table", match=match)
    if scene == "objectives":  # the seat's objectives and score weights, opened as its O key does
        table.toggle_aims()
    elif scene == "counter":
        app.go("proposal", match=match)
    if scene == "handoff":
        to = match.viewer
        match.viewer = None
        app.go("handoff", match=match, faction=to)
    elif scene == "proposal":
        c = app.go("proposal", match=match)
        g = match.state.game
        others = [f for f in g.factions if f != c.me]
        c.recipients = others[:2]
        rules = g.ruleset.turn.proposals
        if rules.tradeable:
            c.terms.append(Term("give", c.me, rules.tradeable[0], others[0], 2))
        if rules.promise_tags:
            c.terms.append(Term("promise", others[0], rules.promise_tags[0], c.me))
        if g.coalitions:
            c.terms.append(Term("join", others[1], g.coalitions[0].id))
        c.build()
    return None


def pump_until(app, done, seconds: float = 10.0) -> None:
    """Draw frames until `done()` (a hosted room's frames arrive from another thread)."""
    end = time.monotonic() + seconds
    while not done() and time.monotonic() < end:
        app.frame([])
        time.sleep(0.05)
    app.frame([])
