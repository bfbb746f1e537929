"""KPIs for the business (issue 38, part 3): `profile.business` chooses each step's KPIs, the
report says which business model they assume, and a consumer PM is never told to own renewal."""

from __future__ import annotations

import json
import re

import pytest

from pmpath.answers import fast_answers, parse_answers
from pmpath.errors import InputError
from pmpath.models import Answers, validate
from pmpath.render import markdown
from pmpath.report import build_report

from conftest import answers_toml

RENEWAL = re.compile(r"renew|recurring|\bARR\b|subscription|续费|续约|经常性收入|订阅", re.IGNORECASE)
PLATFORM = re.compile(r"integrat|downstream|接入|下游")


def _answers(catalog, business: str | None, rating: int = 1, years: float = 0) -> Answers:
    profile = {"name": "Pat", "years_experience": years, "network_size": 10}
    if business is not None:
        profile["business"] = business
    return validate(Answers, {"profile": profile, "ratings": dict.fromkeys(catalog.skill_ids, rating)})


def _steps(catalog, business):
    return build_report(_answers(catalog, business), catalog, 2026).roadmap.steps


def test_a_consumer_pm_is_never_told_to_own_renewal_or_arr(catalog):
    found = [
        (s.level, k)
        for s in _steps(catalog, "consumer")
        for k in (*s.kpis.en, *(s.kpis.zh or ()))
        if RENEWAL.search(k)
    ]
    assert found == []


def test_a_saas_director_does_not_count_platform_integrations(catalog):
    for step in _steps(catalog, "b2b_saas"):
        if step.level in ("director", "vp_product", "cpo"):
            assert not [k for k in (*step.kpis.en, *(step.kpis.zh or ())) if PLATFORM.search(k)], step.level
            assert step.kpis_business == "b2b_saas"


def test_consumer_and_saas_kpis_differ_and_fit(catalog):
    consumer = {s.level: s for s in _steps(catalog, "consumer")}
    saas = {s.level: s for s in _steps(catalog, "b2b_saas")}
    differing = [lv for lv in consumer if consumer[lv].kpis.en != saas[lv].kpis.en]
    assert {"pm", "senior_pm", "director", "vp_product", "cpo"} <= set(differing)
    assert any(RENEWAL.search(k) for s in saas.values() for k in s.kpis.en)  # SaaS does own renewal
    assert all(consumer[lv].kpis_business == "consumer" for lv in differing)


def test_every_variant_has_both_languages_the_same_length_and_a_source(catalog):
    for level in catalog.levels:
        for business, variant in level.kpis_for.items():
            assert variant.zh is not None and len(variant.zh) == len(variant.en), (level.id, business)
            assert len(variant.source) > 20, (level.id, business)


def test_without_a_business_the_general_kpis_are_shown_and_said_to_be_general(catalog):
    steps = _steps(catalog, None)
    assert {s.kpis_business for s in steps} == {"other"}
    assert [s.kpis for s in steps] == [catalog.level(s.level).kpis for s in steps]
    rep = build_report(_answers(catalog, None), catalog, 2026)
    assert "For any business model (profile.business" in markdown.report(rep, catalog, generated="2026-12-07")


@pytest.mark.parametrize(
    ("lang", "said"), [("en", "Chosen for a consumer product"), ("zh", "按面向消费者的产品（C 端）选取")]
)
def test_the_report_names_the_business_model_the_kpis_assume(catalog, lang, said):
    rep = build_report(_answers(catalog, "consumer"), catalog, 2026)
    assert said in markdown.report(rep, catalog, lang=lang, generated="2026-12-07")


def test_the_json_report_says_it_per_step(invoke, tmp_path, catalog):
    path = tmp_path / "a.toml"
    path.write_text(answers_toml(catalog).replace("[ratings]", 'business = "marketplace"\n\n[ratings]'))
    result = invoke("assess", "--answers", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["profile"]["business"] == "marketplace"
    assert {s["kpis_business"] for s in data["roadmap"]["steps"]} <= {"marketplace", "other"}
    assert "marketplace" in {s["kpis_business"] for s in data["roadmap"]["steps"]}


def test_the_fast_path_leaves_business_to_the_model(catalog):
    """The plain validator (a cohort's hot loop) must never be more lenient than the model: it steps aside."""
    raw = {"profile": {"years_experience": 1, "network_size": 1, "business": "consumer"}, "ratings": {}}
    raw["ratings"] = dict.fromkeys(catalog.skill_ids, 2)
    assert fast_answers(raw, catalog) is None
    del raw["profile"]["business"]
    assert fast_answers(raw, catalog) is not None


def test_a_misspelt_business_is_one_line_naming_the_field_and_its_line(catalog):
    text = answers_toml(catalog).replace("[ratings]", 'business = "saas"\n\n[ratings]')
    with pytest.raises(InputError) as caught:
        parse_answers(text, "a.toml", catalog)
    message = caught.value.message
    assert "\n" not in message
    assert "profile.business" in message and "(line 8)" in message and "b2b_saas" in message


def test_the_template_documents_business_and_its_default_is_valid(catalog):
    from pmpath.render.template import answers_template

    text = answers_template(catalog)
    assert 'business = "other"' in text
    assert "consumer, b2b_saas, platform, marketplace, hardware, other" in text


@pytest.mark.parametrize(
    ("lang", "said"), [("en", "Chosen for a B2B SaaS product"), ("zh", "按 B 端 SaaS 产品选取")]
)
def test_the_screen_and_the_page_name_the_business_model_too(catalog, lang, said):
    import io

    from rich.console import Console

    from pmpath.render import html, terminal

    rep = build_report(_answers(catalog, "b2b_saas"), catalog, 2026)
    console = Console(width=200, no_color=True, record=True, file=io.StringIO())
    console.print(terminal.report(rep, catalog, lang))
    assert said in console.export_text()
    assert said in html.report(rep, catalog, lang, generated="2026-12-07")
