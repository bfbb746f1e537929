"""`pmpath schema` and `pmpath template`: what editors and hand-filled files depend on."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from pmpath.answers import parse_answers
from pmpath.cli import app
from pmpath.errors import InputError

from conftest import ROOT


def test_answers_schema_lists_every_skill(invoke, catalog):
    schema = json.loads(invoke("schema", "answers").stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["title"] == "pmpath answers file"
    ratings = schema["properties"]["ratings"]
    assert ratings["required"] == list(catalog.skill_ids)
    assert ratings["additionalProperties"] is False
    assert ratings["properties"]["strategy"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": 5,
        "description": "Strategic thinking",
    }
    assert set(schema["required"]) == {"profile", "ratings"}


def test_report_schema_describes_the_json_report(invoke):
    schema = json.loads(invoke("schema", "report").stdout)
    assert {"schema_version", "level", "next_level", "roadmap", "skills"} <= set(schema["properties"])
    assert "Step" in schema["$defs"] and "CourseRef" in schema["$defs"]
    assert invoke("schema", "cohorts").exit_code == 2


def test_template_lists_every_anchor_and_fails_until_filled(invoke, catalog, tmp_path):
    text = invoke("template").stdout
    for skill in catalog.skills:
        for anchor in skill.anchors.en:
            assert anchor in text
        assert f"\n{skill.id} = 0\n" in text
    with pytest.raises(InputError, match=r"^t\.toml: profile\.years_experience: .* \(line \d+\)"):
        parse_answers(text, "t.toml", catalog, "toml")
    filled = re.sub(r"(?m)^(\w+) = 0$", r"\1 = 3", text)
    filled = filled.replace("years_experience = -1", "years_experience = 3").replace(
        "years_managing = -1", "years_managing = 0"
    )
    filled = filled.replace("network_size = -1", "network_size = 120")
    assert parse_answers(filled, "t.toml", catalog, "toml").profile.years_experience == 3


def test_template_output_file_and_chinese(invoke, tmp_path, catalog):
    target = tmp_path / "me.toml"
    assert invoke("template", "--output", str(target), "--lang", "zh").exit_code == 0
    assert catalog.skill("strategy").anchors.zh[0] in target.read_text()
    assert invoke("template", "--output", str(target)).exit_code == 2


def test_typer_cli_runner_json_contract():
    """The plain CliRunner view of the non-interactive path, as scripts see it."""
    result = CliRunner().invoke(
        app,
        ["assess", "--answers", str(ROOT / "examples" / "alice.toml"), "--format", "json"],
        prog_name="pmpath",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["level"]["id"] == "senior_pm"
    assert data["roadmap"]["steps"][-1]["level"] == "cpo"
    listing = CliRunner().invoke(app, ["levels", "--format", "json"], prog_name="pmpath")
    assert [lv["id"] for lv in json.loads(listing.stdout)["levels"]][-1] == "cpo"


def test_cohort_json_validates_against_its_schema(invoke, tmp_path):
    import jsonschema

    from conftest import ROOT

    schema = json.loads(invoke("schema", "cohort").stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    (tmp_path / "bad.toml").write_text("nonsense = [")
    for path in (ROOT / "examples" / "cohort").glob("*.toml"):
        (tmp_path / path.name).write_text(path.read_text())
    baseline = tmp_path / "before.json"
    invoke("cohort", str(tmp_path), "-f", "json", "-o", str(baseline), "--keep-going", "--min-level", "pm")
    document = json.loads(baseline.read_text())
    jsonschema.validate(document, schema)
    again = json.loads(
        invoke("cohort", str(tmp_path), "-f", "json", "--keep-going", "--baseline", str(baseline)).stdout
    )
    jsonschema.validate(again, schema)
    document["people"][0]["level"] = "wizard"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)
