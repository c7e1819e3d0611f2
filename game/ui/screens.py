"""Open a named scene, as `gui --scene` and the tests do."""
from __future__ import annotations

from game.ui.menu_scene import MenuScene


def open_scene(app, scene: str, *, load: str | None = None, seed: int = 7, ruleset_path: str | None = None,
               interactive: bool = False, keep_lang: bool = False) -> str | None:
    """Put `scene` on screen; a problem as text, or None."""
    from game.ui.files import RulesetProblem, load_ruleset, DEFAULT_RULESET
    app.replace(MenuScene(app))
    if scene == "menu" and not load:
        return None
    if scene == "load" and not load:       # the saves of the saves folder ($REDLINES_HOME/saves)
        from game.ui.menu_scene import LoadScene
        app.push(LoadScene(app))
        return None
    if load:
        from game.saves.format import SaveError
        from game.saves.session import GameSession
        from game.ui.match import restore
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
        from game.ui.host_scene import HostScene
        host = HostScene(app, ruleset_path or DEFAULT_RULESET, seed=seed)
        app.replace(host)
        if not interactive and not host.problem:   # a screenshot shows a room in play
            from game.ui.classroom import demo_room
            demo_room(host.room, {ruleset.factions[-1].id: "Hangang", ruleset.factions[-2].id: "Sakura"})
            pump_until(app, lambda: host.room.feed().version >= 4 or host.room.feed().room.get("decider") in
                       (ruleset.factions[-1].id, ruleset.factions[-2].id))
        return host.problem or None
    if scene == "setup":
        from game.ui.setup_scene import SetupScene
        from pathlib import Path
        s = SetupScene(app, ruleset, Path(ruleset_path) if ruleset_path else DEFAULT_RULESET)
        ids = [f.id for f in ruleset.factions]
        if len(ids) > 3:
            s.seats[ids[3]] = "human"
            s.teams[ids[0]] = "Team Sakura"
            s.teams[ids[3]] = "Team Hangang"
        app.push(s)
        return None
    from game.ui.demo import match_at
    match = match_at({"objectives": "table"}.get(scene, scene), ruleset, seed, app.lang)
    if interactive:
        match.speed = app.settings.ai_speed
    return _show(app, match, scene)


def _show(app, match, scene: str) -> None:
    from game.ui.table_scene import TableScene
    if scene in ("end", "whatif") or match.state.over:
        from game.ui.end_scene import EndScene
        app.replace(EndScene(app, match))
        if scene == "whatif":
            from game.ui.whatif_scene import WhatIfScene
            app.push(WhatIfScene(app, match))
        return None
    table = TableScene(app, match)
    app.replace(table)
    if scene == "objectives":  # the seat's objectives and score weights, opened as its O key does
        table.toggle_aims()
    elif scene == "counter":
        from game.ui.proposal_composer import ComposerScene
        app.push(ComposerScene(app, table))
    if scene == "handoff":
        from game.ui.handoff_scene import HandoffScene
        to = match.viewer
        match.viewer = None
        app.push(HandoffScene(app, table, to))
    elif scene == "proposal":
        from game.ui.proposal_composer import ComposerScene
        from game.engine import Term
        c = ComposerScene(app, table)
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
        app.push(c)
    return None


def pump_until(app, done, seconds: float = 10.0) -> None:
    """Draw frames until `done()` (a hosted room's frames arrive from another thread)."""
    import time
    end = time.monotonic() + seconds
    while not done() and time.monotonic() < end:
        app.frame([])
        time.sleep(0.05)
    app.frame([])
