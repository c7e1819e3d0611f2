"""The terminal front end: a move that would start a war asks first; each seat sees what it plays for,
and no seat sees another's secret objectives."""
from __future__ import annotations

import copy
import io
import re

from game.cli.play import TerminalGame
from game.cli.terminal import Style
from game.engine import Term, propose
from game.rules.schema import Ruleset
from game.saves import GameSession
from tests.conftest import small_ruleset_dict


def brink_ruleset() -> Ruleset:
    """The small ruleset at Tension 9, with no event or miscalculation to start the war first."""
    d = copy.deepcopy(small_ruleset_dict())
    d["tracks"][0]["start"] = 9
    d["events"] = []
    d["turn"].pop("miscalculation")
    for c in d["cards"]:  # the host holds the deterrence and dialogue cards, several of each
        if c["id"] in ("exercise", "hotline"):
            c["holders"], c["copies"] = ["host"], 3
    d["scoring"]["objectives"].append(
        {"id": "rival_secret", "name": "Rival Ambition", "text": "End with 9 Security or more.", "faction": "rival",
         "secret": True, "points": 5, "condition": {"test": "resource", "who": "actor", "resource": "security",
                                                     "min": 9}})
    d["scoring"]["objectives"].append(
        {"id": "calm_seas", "name": "Calm Seas", "text": "Tension ends at 3 or less.", "points": 2,
         "condition": {"test": "track", "track": "tension", "max": 3}})
    return Ruleset.model_validate(d)


class Player(io.StringIO):
    """Standard input that answers what the screen shows: `answer(screen_so_far)` gives the next line."""

    def __init__(self, out: io.StringIO, answer) -> None:
        super().__init__()
        self.out = out
        self.answer = answer
        self.lines = 0

    def readline(self, *a) -> str:
        self.lines += 1
        if self.lines > 400:
            return ""
        line = self.answer(self.out.getvalue())
        return "" if line is None else line + "\n"


def option(screen: str, label: str) -> str | None:
    """The number of the last menu's option whose text starts with `label`."""
    menu = screen.rsplit("Your options:", 1)[-1]
    m = re.search(rf"^\s+(\d+)\. {re.escape(label)}", menu, re.M)
    return m.group(1) if m else None


def calm(screen: str) -> str | None:
    """A move that starts no war: pass, or reject what is asked."""
    return option(screen, "Pass") or option(screen, "Reject") or option(screen, "Do not") or "1"


def play_with(rs: Ruleset, answer, tmp_path, seats=None, seed: int = 3):
    s = GameSession.new(rs, "", seed, seats or {"host": "human"}, game_id="w")
    s.autosave_dir = str(tmp_path)
    out = io.StringIO()
    game = TerminalGame(s, "en", Style(False), Player(out, answer), out)
    game.saves_dir = str(tmp_path)
    game.play()
    return out.getvalue(), s


def test_a_war_move_warns_names_the_cost_and_needs_yes(tmp_path):
    asked = []

    def answer(screen: str) -> str | None:
        tail = screen[-400:]
        if tail.endswith("anything else takes you back: "):
            asked.append(screen)
            return "no" if len(asked) == 1 else "yes"
        if tail.endswith("Host> "):
            return option(screen, "Play Joint Exercise") or calm(screen)
        return "quit"

    out, s = play_with(brink_ruleset(), answer, tmp_path)
    assert len(asked) == 2, out[-3000:]
    warning = asked[0].rsplit("Host> ", 1)[1]
    assert "WARNING: this move takes Tension to 10: it starts a WAR." in warning
    assert ("War is a shared defeat: every faction scores -10, and the faction whose move tips it (Host) "
            "a further -5.") in warning
    assert "Not played. Choose again." in out
    # the first "no" played nothing; only the confirmed move was applied, and it started the war
    plays = [a for a in s.actions if a["kind"] == "play"]
    assert plays == [{"kind": "play", "faction": "host", "card": "exercise"}]
    assert s.state.outcome == "war" and s.state.war_by == 0
    assert "WAR — a shared defeat, triggered by Host." in out


def test_a_safe_move_is_not_questioned(tmp_path):
    def answer(screen: str) -> str | None:
        if screen.endswith("Host> "):
            return option(screen, "Play Hotline on Patron") or calm(screen)
        return "quit"

    out, s = play_with(brink_ruleset(), answer, tmp_path)
    assert "WARNING" not in out and "Type yes" not in out
    assert any(a.get("card") == "hotline" for a in s.actions)


def aims_of(screen: str) -> list[str]:
    blocks = re.findall(r"What you play for \(only you see your secret objectives\):\n((?:  .*\n)+)", screen)
    return blocks


def test_each_seat_sees_its_own_objectives_with_conditions_and_state_never_anothers(tmp_path):
    rs = brink_ruleset()
    seen: dict[str, list[str]] = {"Host": [], "Patron": []}

    def answer(screen: str) -> str | None:
        if screen.endswith("press Enter when ready\n") or screen.endswith("press Enter when ready"):
            return ""
        m = re.search(r"(Host|Patron)> $", screen)
        if not m:
            return ""
        who = m.group(1)
        # what was printed since this seat's hand-off (or the start) is what this seat saw
        part = screen.rsplit("Pass to ", 1)[-1]
        seen[who].append(part)
        if len(seen[who]) == 1:
            return "state"
        if len(seen[who]) > 6:
            return "quit"
        return calm(screen)

    out, s = play_with(rs, answer, tmp_path, seats={"host": "human", "patron": "human"})
    host = "\n".join(seen["Host"])
    patron = "\n".join(seen["Patron"])
    assert "Sovereignty (secret, +3): Keep support. — met now" in host
    assert "Calm Seas (everyone's, +2): Tension ends at 3 or less. — not met now" in host
    assert "Your score counts: Economy ×1, Security ×1, Peace (10 − Tension) ×1, Rules (International Rules) ×1" in host
    assert "Calm Seas (everyone's, +2)" in patron
    assert "Your score counts: Economy ×1, Security ×1, Rules (International Rules) ×0.5" in patron
    for text in (patron, out):  # no secret of another seat, human (Host's for Patron) or AI (Rival's)
        assert "Rival Ambition" not in text and "9 Security or more" not in text
    assert "Sovereignty" not in patron and "Keep support" not in patron
    # shown at a seat's first decision of each round and on `state`, not at every decision
    assert "What you play for" in seen["Host"][0] and "What you play for" in seen["Patron"][0]
    prompts = len(re.findall(r"^(Host|Patron)> ", out, re.M))
    rounds = {(m.group(1)) for m in re.finditer(r"══ Round (\d)/3", out)}
    assert len(rounds) >= 2
    assert 2 * len(rounds) <= out.count("What you play for") < prompts


def test_a_counter_proposal_starts_from_the_offer_it_answers(tmp_path):
    state = {"countered": False}

    def answer(screen: str) -> str | None:
        tail = screen[-600:]
        if tail.endswith("> ") and not tail.endswith("Host> "):   # the composer's menus
            if "done: preview and send" in tail.rsplit("Add a term:", 1)[-1]:
                m = re.search(r"(\d+)\. done: preview and send", tail)
                return m.group(1)
            m = re.search(r"(\d+)\. Send it", tail)
            return m.group(1) if m else "0"
        if tail.endswith("Host> "):
            if state["countered"] and option(screen, "Propose a deal"):
                return option(screen, "Propose a deal")
            got = option(screen, "Reject and make a counter-proposal")
            if got and not state["countered"]:
                state["countered"] = True
                return got
            if state["countered"] and len([a for a in s_holder[0].actions if a["kind"] == "propose"
                                           and a["faction"] == "host"]):
                return "quit"
            return calm(screen)
        return "quit"

    # the host sits last, so offers reach it before its own turn: a counter-proposal is one of the
    # counter-proposer's proposals, and a seat that has passed (or proposed) has none left
    d = brink_ruleset().model_dump(by_alias=True)
    d["factions"] = d["factions"][1:] + d["factions"][:1]
    rs = Ruleset.model_validate(d)
    s = GameSession.new(rs, "", 3, {"host": "human"}, game_id="c")
    s.apply(propose("patron", ["host"], [Term("give", "patron", "economy", "host", 1),
                                         Term("promise", "host", "tariff", "patron")]))
    s_holder = [s]
    s.autosave_dir = str(tmp_path)
    out = io.StringIO()
    game = TerminalGame(s, "en", Style(False), Player(out, answer), out)
    game.saves_dir = str(tmp_path)
    game.play()
    text = out.getvalue()
    assert state["countered"], "no offer came to the host"
    offers = [e for _, e in s.events if e["type"] == "proposal" and e["to"] == ["host"]]
    mine = [a for a in s.actions if a["kind"] == "propose" and a["faction"] == "host"]
    assert mine, text[-2000:]
    assert "Your counter-proposal starts from their offer" in text
    assert mine[0]["proposal"]["terms"] == offers[0]["terms"]
    assert mine[0]["proposal"]["recipients"] == [offers[0]["from"]]











