"""`python -m game schema [--out FILE]`: the JSON Schema of a ruleset, for editors' completion."""
from __future__ import annotations

import argparse
import json
import os
import sys

from game.rules.schema import Ruleset, Variant

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def ruleset_schema(variant: bool = False) -> dict:
    """The JSON Schema of Ruleset (or Variant), with the YAML key names (`from`, `else`, `in`, `pass`, ...)."""
    model = Variant if variant else Ruleset
    return {"$schema": DIALECT, **model.model_json_schema(by_alias=True, mode="validation")}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", metavar="FILE", help="write the schema to FILE instead of printing it")
    parser.add_argument("--variant", action="store_true", help="the schema of a variant file (one with `extends:`)")


def run(args: argparse.Namespace) -> int:
    text = json.dumps(ruleset_schema(args.variant), indent=2, ensure_ascii=False) + "\n"
    if not args.out:
        sys.stdout.write(text)
        return 0
    tmp = f"{args.out}.tmp"
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, args.out)
    except OSError as e:
        print(f"{args.out}: cannot write the schema: {e.strerror or e}", file=sys.stderr)
        return 1
    print(f"wrote {args.out}")
    return 0
