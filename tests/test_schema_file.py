"""The JSON Schemas shipped beside the rulesets: in sync with the models, and true to the files."""
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from game.cli.schema_cmd import ruleset_schema

RULESETS = Path(__file__).resolve().parent.parent / "rulesets"
PAIRS = [("brief-2025.yaml", "ruleset.schema.json", False),
         ("brief-2025-short.yaml", "ruleset-variant.schema.json", True),
         ("brief-2025-australia.yaml", "ruleset-variant.schema.json", True)]


@pytest.mark.parametrize("ruleset,schema_file,variant", PAIRS)
def test_shipped_schema_is_current(ruleset, schema_file, variant):
    shipped = json.loads((RULESETS / schema_file).read_text(encoding="utf-8"))
    assert shipped == ruleset_schema(variant), f"regenerate: python -m game schema {'--variant ' if variant else ''}--out rulesets/{schema_file}"


@pytest.mark.parametrize("ruleset,schema_file,variant", PAIRS)
def test_ruleset_points_to_its_schema_and_passes_it(ruleset, schema_file, variant):
    text = (RULESETS / ruleset).read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema=./{schema_file}"
    validator = jsonschema.Draft202012Validator(ruleset_schema(variant))
    assert [e.message for e in validator.iter_errors(yaml.safe_load(text))] == []


def test_editor_flags_a_typo():
    data = yaml.safe_load((RULESETS / "brief-2025.yaml").read_text(encoding="utf-8"))
    data["cards"][0]["cots"] = 2
    errors = list(jsonschema.Draft202012Validator(ruleset_schema()).iter_errors(data))
    assert any("'cots' was unexpected" in e.message for e in errors)


def test_the_readmes_worked_example_loads(tmp_path):
    """The facilitator's guide must stay true: its variant file validates against the default."""
    from game.rules.loader import load_ruleset
    readme = (RULESETS.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("# rulesets/workshop.yaml")
    (tmp_path / "workshop.yaml").write_text(readme[start:readme.index("```", start)], encoding="utf-8")
    (tmp_path / "brief-2025.yaml").write_text((RULESETS / "brief-2025.yaml").read_text(encoding="utf-8"),
                                              encoding="utf-8")
    rs = load_ruleset(tmp_path / "workshop.yaml")
    assert rs.turn.rounds == 6
    assert {"tariff_escalation", "nuclear_sharing_request"}.isdisjoint(c.id for c in rs.cards)
