"""`python -m game rulesets [--copy NAME DIR]`: the shipped rulesets, or a copy of one to edit."""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import yaml

from game import resources
from game.cli import UsageError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--copy", nargs=2, metavar=("NAME", "DIR"),
                        help="copy the shipped ruleset NAME, the rulesets it extends and the two schema "
                             "files into the folder DIR (created if missing), to edit")


def describe(path: Path) -> tuple[str, str, str]:
    """(title, factions, rounds) of a shipped ruleset for the listing; a broken one says so."""
    from game.rules.errors import RulesetError
    from game.rules.loader import load_ruleset
    from game.rules.schema import text_of
    try:
        rs = load_ruleset(path)
    except RulesetError as e:
        return "(does not load: " + e.errors[0].format() + ")", "", ""
    return text_of(rs.name), ", ".join(f.id for f in rs.factions), str(rs.turn.rounds)


def listing() -> str:
    names = resources.ruleset_names()
    if not names:
        raise resources.ResourceMissing("rulesets (no *.yaml file)", resources.rulesets_folder())
    rows = [("name", "factions", "rounds", "title")]
    for p in resources.shipped_rulesets():
        title, factions, rounds = describe(p)
        rows.append((p.stem, factions, rounds, title))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r[:3], widths)) + "  " + r[3] for r in rows]
    lines[0] = lines[0].rstrip()
    return "\n".join(line.rstrip() for line in lines) + (
        f"\n\nUse one by name: `redlines play --ruleset {names[0]}` (also gui, simulate, validate, briefing).\n"
        f"To write your own: `redlines rulesets --copy {names[0]} my-rulesets`, edit the copy, then "
        f"`redlines validate my-rulesets/{names[0]}.yaml`.\n"
        f"The shipped files are in {resources.rulesets_folder()}")


def bases(path: Path) -> list[Path]:
    """The shipped files `path` extends, nearest first (a variant's base, that base's base, ...)."""
    out: list[Path] = []
    folder = path.parent.resolve()
    while True:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            return out
        ext = data.get("extends") if isinstance(data, dict) else None
        if not isinstance(ext, str):
            return out
        base = (path.parent / ext).resolve()
        if base.parent != folder or not base.is_file() or base in out or base == path.resolve():
            return out  # only the shipped folder's own files are copied
        out.append(base)
        path = base


def copy(name: str, dest: Path) -> list[Path]:
    """Copy the shipped ruleset `name`, what it extends and the schema files into `dest`."""
    src = resources.shipped_ruleset(name)
    if src is None:
        raise UsageError(f"--copy {name}: there is no shipped ruleset of that name "
                         f"(shipped: {', '.join(resources.ruleset_names())})")
    files = [src, *bases(src), *resources.schema_files()]
    if dest.exists() and not dest.is_dir():
        raise ValueError(f"Cannot copy into {dest}: it is a file, not a folder.")
    there = [dest / f.name for f in files if (dest / f.name).exists()]
    if there:
        raise ValueError(f"Nothing was copied: {', '.join(str(p) for p in there)} already "
                         f"{'exists' if len(there) == 1 else 'exist'}, and a copy must not overwrite "
                         "edits. Remove them or copy into another folder.")
    try:
        dest.mkdir(parents=True, exist_ok=True)
        written = []
        for f in files:
            shutil.copyfile(f, dest / f.name)
            written.append(dest / f.name)
    except OSError as e:
        raise ValueError(f"Cannot copy into {dest}: {e.strerror or e}.") from None
    return written


def run(args: argparse.Namespace) -> int:
    if not args.copy:
        print(listing())
        return 0
    name, folder = args.copy
    try:
        written = copy(name, Path(folder))
    except ValueError as e:
        print(str(e), file=sys.stderr)
        return 1
    main = written[0]
    print(f"Copied the ruleset {name} into {folder}:")
    for p in written:
        print(f"  {p}")
    print(f"Edit {main} (an editor that reads the `$schema` line completes and checks it), then check it "
          f"with `redlines validate {main}` and play it with `redlines play --ruleset {main}`.")
    return 0
