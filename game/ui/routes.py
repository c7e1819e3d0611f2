"""The GUI's navigation, written down once: every scene's name, its constructor, and whether it
takes the whole window (a screen: the scenes below are left) or opens over the current one (a
dialog: closing it returns there).

Scenes never import each other: they move with `app.go(name, **arguments)` and close a dialog
with `app.back(**result)`, which hands `result` to the scene below (`Scene.on_resume`).

    menu        screen   the main menu                         -> setup, load, ruleset, settings, host
    ruleset     dialog   pick the ruleset of a new game        (current=) back(ruleset_path=path)
    load        dialog   the saves as games                    -> table
    settings    dialog   language, display, text size, AI pace (changes reach every scene: on_settings)
    setup       dialog   seats, teams, length, seed            (ruleset=, path=, seats=, teams=, short=) -> table
    table       screen   the game                              (match=) -> pause, proposal, war_confirm,
                                                                          handoff, end
    proposal    dialog   compose a proposal or counter         (match=) back(move=action)
    war_confirm dialog   a move that risks war                 (match=, action=, risk=) back(move=, confirmed=True)
    handoff     dialog   the cover between human seats         (match=, faction=) -> pause
    pause       dialog   the game stopped                      (match=) -> save, load, settings, menu
    save        dialog   save under a name                     (match=) back(saved=path)
    end         screen   result, ranking, charts               (match=) -> whatif, setup (play again), menu
    whatif      dialog   the key moments, play on from one     (match=) -> table
    host        screen   the classroom projector               (ruleset_path=) -> host_menu, menu
    host_menu   dialog   the facilitator's controls            (room=)  -> host_inject, menu
    host_inject dialog   inject a crisis into the room's game  (room=)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from game.ui.end_scene import EndScene
from game.ui.handoff_scene import HandoffScene
from game.ui.host_scene import HostMenuScene, HostScene, InjectScene
from game.ui.menu_scene import LoadScene, MenuScene, RulesetScene
from game.ui.pause_scene import PauseScene
from game.ui.proposal_composer import ComposerScene
from game.ui.save_scene import SaveScene
from game.ui.scene import Scene
from game.ui.settings_scene import SettingsScene
from game.ui.setup_scene import SetupScene
from game.ui.table_scene import TableScene
from game.ui.war_confirm_scene import WarConfirmScene
from game.ui.whatif_scene import WhatIfScene


@dataclass(frozen=True)
class Route:
    """A scene by name: `make(app, **arguments)` builds it; a dialog opens over the current scene,
    a screen replaces every scene."""

    make: Callable[..., Scene]
    dialog: bool


ROUTES: dict[str, Route] = {
    "menu": Route(MenuScene, dialog=False),
    "ruleset": Route(RulesetScene, dialog=True),
    "load": Route(LoadScene, dialog=True),
    "settings": Route(SettingsScene, dialog=True),
    "setup": Route(SetupScene, dialog=True),
    "table": Route(TableScene, dialog=False),
    "proposal": Route(ComposerScene, dialog=True),
    "war_confirm": Route(WarConfirmScene, dialog=True),
    "handoff": Route(HandoffScene, dialog=True),
    "pause": Route(PauseScene, dialog=True),
    "save": Route(SaveScene, dialog=True),
    "end": Route(EndScene, dialog=False),
    "whatif": Route(WhatIfScene, dialog=True),
    "host": Route(HostScene, dialog=False),
    "host_menu": Route(HostMenuScene, dialog=True),
    "host_inject": Route(InjectScene, dialog=True),
}


def route(name: str) -> Route:
    """The route called `name`; a KeyError naming the known routes otherwise."""
    try:
        return ROUTES[name]
    except KeyError:
        raise KeyError(f"no scene is called '{name}' (routes: {', '.join(ROUTES)})") from None
