"""Write the project's art to PNG files in this folder (for documentation and other tools).

    .venv/bin/python assets/art/make_art.py

The window draws the same art at run time from game/ui/art.py, the source of truth:
faction emblems (a ring of rays in the faction's colour, with its initials) and one icon per
card family (tariff barrier, threat triangle, coalition rings, dialogue bubble, deterrence
shield, aid cross, deal squares). Everything is drawn with pygame primitives; no outside art.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def main() -> None:
    import pygame
    pygame.display.init()
    pygame.font.init()
    pygame.display.set_mode((1, 1))
    from game.ui import art
    from game.ui.files import DEFAULT_RULESET, load_ruleset
    from game.ui.text import Text
    from game.rules.schema import text_of
    text = Text()
    for fam in art.FAMILIES + ("other",):
        pygame.image.save(art.icon(fam, 64), str(HERE / f"icon-{fam}.png"))
    rs = load_ruleset(DEFAULT_RULESET)
    for f in rs.factions:
        pygame.image.save(art.emblem(f.id, f.color, art.initials(text_of(f.name)), 128, text),
                          str(HERE / f"emblem-{f.id}.png"))
    print(f"wrote {len(art.FAMILIES) + 1} icons and {len(rs.factions)} emblems to {HERE}")


if __name__ == "__main__":
    main()
