"""The shipped data: sourced, bilingual, monotonic; broken data gives one clear line."""

from __future__ import annotations

import io
import itertools
import re

import pytest

from pmpath.catalog import parse_catalog
from pmpath.errors import InputError
from pmpath.ids import CPO_SKILLS, LEVEL_IDS
from pmpath.models import validate, validate_json


def test_levels_are_the_contract_ids_in_order(catalog):
    assert tuple(lv.id for lv in catalog.levels) == LEVEL_IDS


def test_skill_catalogue_has_the_cpo_competencies_and_ladder_skills(catalog):
    assert set(CPO_SKILLS) <= set(catalog.skill_ids)
    assert len(catalog.skills) >= 12
    for skill_id in catalog.skill_ids:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", skill_id)


def test_every_skill_has_five_distinct_anchors_in_both_languages(catalog):
    for skill in catalog.skills:
        for lang in ("en", "zh"):
            anchors = skill.anchors.get(lang)
            assert len(anchors) == 5 and len(set(anchors)) == 5, skill.id
        assert re.search(r"[\u4e00-\u9fff]", "".join(skill.anchors.zh)), skill.id
        assert "seed 00" in skill.source


def test_thresholds_never_fall_up_the_ladder(catalog):
    climbs = [
        pair for path in (catalog.path, *catalog.track_paths.values()) for pair in itertools.pairwise(path)
    ]
    assert len(climbs) == 6 + 4 + 6  # the road to CPO, then each track again (IC: 4 climbs, management: 6)
    for lower, higher in climbs:
        assert higher.min_years_experience >= lower.min_years_experience
        assert higher.min_years_managing >= lower.min_years_managing
        for skill_id, minimum in lower.skill_minimums.items():
            assert higher.skill_minimums[skill_id] >= minimum, (higher.id, skill_id)


def test_cpo_years_follow_seed_000(catalog):
    cpo = catalog.level("cpo")
    assert cpo.min_years_experience > 8
    assert "seed 000" in cpo.experience_source
    assert {"mba", "ms_cs"} <= set(cpo.degrees.recommended)


def test_every_level_and_course_cites_a_source(catalog):
    for level in catalog.levels:
        for text in (
            level.source,
            level.experience_source,
            level.skill_minimums_source,
            level.degrees.source,
            level.network.source,
            level.kpis_source,
        ):
            assert re.search(r"seed 00\d|https?://|pmpath", text), (level.id, text)
    assert len(catalog.courses) >= 12
    for course in catalog.courses:
        assert re.search(r"seed 00\d|COURSES-FACTS|https?://", course.source), course.id


DESCRIBING = re.compile(r"\b(with|such as|directed by|including|includes|formerly|e\.g\.)\b|\((?=[a-z0-9])")
"""Words that describe rather than name. A course's name and provider are shown as published in
every language, so a description there would be English on a Chinese screen; it belongs in the
format, duration or cost, which have en and zh. A bracket that opens in lower case or a digit
("(online certificate)", "(5 courses)") describes; "(Executive Education)", "(PMC)" name."""


def test_names_and_providers_only_name(catalog):
    describing = [
        f"{c.id}: {text}" for c in catalog.courses for text in (c.name, c.provider) if DESCRIBING.search(text)
    ]
    assert describing == []


def test_seed_000_programmes_are_present(catalog):
    ids = {c.id for c in catalog.courses}
    assert {"kellogg-cpo", "mit-cpo"} <= ids
    mit = next(c for c in catalog.courses if c.id == "mit-cpo")
    assert "not verified" in mit.source


def _break(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "communication = 2, collaboration = 1",
            "collaboration = 1",
            r"levels\[0\]\.skill_minimums: no minimum for skill 'communication' \(line \d+\)",
        ),
        ('id = "pm"\n', 'id = "product_manager"\n', r"levels: levels must be junior_pm, pm"),
        (
            "min_years_experience = 7",
            "min_years_experience = 1",
            r"levels\[3\]\.min_years_experience: falls below senior_pm's value \(line \d+\)",
        ),
        (
            "min_years_experience = 0",
            'min_years_experience = "zero"',
            r"levels\[0\]\.min_years_experience: .*number.*\(line \d+\)",
        ),
        ('group = "craft"', 'group = "crafts"', r"skills\[0\]\.group: unknown group 'crafts'"),
        ("tolerance_skills = 1", "tolerance_skills = 1\nsurprise = 3", r"placement\.surprise: unknown field"),
    ],
)
def test_broken_levels_file_gives_one_line_with_file_field_and_line(
    levels_text, courses_text, old, new, expected
):
    with pytest.raises(InputError) as exc:
        parse_catalog(_break(levels_text, old, new), courses_text, "levels.toml", "courses.toml")
    message = exc.value.message
    assert message.startswith("levels.toml: ")
    assert "\n" not in message
    assert re.search(expected, message), message


def test_non_monotonic_skill_minimum_is_rejected(levels_text, courses_text):
    cpo_line = next(line for line in levels_text.splitlines()[::-1] if line.startswith("skill_minimums = "))
    broken = levels_text.replace(cpo_line, cpo_line.replace("persuasion = 5", "persuasion = 1"))
    expected = r"levels\[8\]\.skill_minimums\.persuasion: 1 falls below vp_product's 4"
    with pytest.raises(InputError, match=expected):
        parse_catalog(broken, courses_text, "levels.toml", "courses.toml")


def test_course_with_unknown_skill_names_the_courses_file(levels_text, courses_text):
    broken = _break(
        courses_text, '"strategy", "decision_making", "delegation", "innovation"', '"strategy", "decisions"'
    )
    with pytest.raises(InputError) as exc:
        parse_catalog(levels_text, broken, "levels.toml", "courses.toml")
    assert re.match(
        r"courses\.toml: courses\[0\]\.skills: unknown skill id 'decisions' \(line \d+\)", exc.value.message
    )


def test_toml_syntax_error_names_line_and_column(levels_text, courses_text):
    broken = levels_text.replace("tolerance_skills = 1", "tolerance_skills = = 1", 1)
    line = broken.splitlines().index("tolerance_skills = = 1") + 1
    with pytest.raises(InputError) as exc:
        parse_catalog(broken, courses_text, "levels.toml", "courses.toml")
    assert exc.value.message.startswith(f"levels.toml: line {line}, column ")
    assert "TOML syntax error" in exc.value.message


def test_catalog_cli_reports_broken_data_with_exit_2(
    tmp_path, invoke, monkeypatch, levels_text, courses_text
):
    data = tmp_path / "pmpath" / "data"
    data.mkdir(parents=True)
    (data / "levels.toml").write_text(
        levels_text.replace("min_years_experience = 7", "min_years_experience = -1")
    )
    (data / "courses.toml").write_text(courses_text)
    import pmpath.catalog as catalog_module

    monkeypatch.setattr(catalog_module, "data_dir", lambda: data)
    catalog_module.load_catalog.cache_clear()
    try:
        result = invoke("levels")
    finally:
        catalog_module.load_catalog.cache_clear()
    assert result.exit_code == 2
    assert result.stdout == ""
    first = result.stderr.splitlines()[0]
    assert first.startswith("pmpath: ") and "levels.toml: levels[3].min_years_experience:" in first
    assert "Traceback" not in result.stderr


def test_validated_catalogue_is_cached_and_a_bad_cache_is_ignored(tmp_path, monkeypatch):
    import pmpath.catalog as catalog_module

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("PMPATH_NO_CACHE", raising=False)
    catalog_module.load_catalog.cache_clear()
    try:
        first = catalog_module.load_catalog()
        (cached,) = (tmp_path / "pmpath").glob("catalog-*.json")
        catalog_module.load_catalog.cache_clear()
        assert catalog_module.load_catalog() == first
        cached.write_text('{"placement": "damaged"}')
        catalog_module.load_catalog.cache_clear()
        assert catalog_module.load_catalog() == first  # falls back to the TOML, rewrites the copy
        body = cached.read_text().partition("\n")[2]
        assert validate_json(catalog_module.Catalog, body) == first
    finally:
        catalog_module.load_catalog.cache_clear()


def test_cache_key_follows_the_data_and_the_rules(levels_text, courses_text, monkeypatch):
    import pmpath.catalog as catalog_module
    from pmpath.catalog import _cache_file

    same = _cache_file("catalog", levels_text, courses_text)
    assert same == _cache_file("catalog", levels_text, courses_text)
    assert same != _cache_file(
        "catalog", levels_text.replace("tolerance_points = 1", "tolerance_points = 0"), courses_text
    )
    assert same != _cache_file("companies", levels_text, courses_text)
    monkeypatch.setattr(catalog_module, "_RULES", (*catalog_module._RULES, "ladder_rules.py:1:2"))
    assert same != _cache_file("catalog", levels_text, courses_text)  # a rule edited: checked again


def test_the_company_table_is_cached_once_validated(tmp_path, monkeypatch):
    """A report reads the company table every run: from its validated copy after the first; a
    damaged copy is ignored and written again."""
    import pmpath.catalog as catalog_module

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("PMPATH_NO_CACHE", raising=False)
    catalog_module.load_company_table.cache_clear()
    try:
        first = catalog_module.load_company_table()
        (cached,) = (tmp_path / "pmpath").glob("companies-*.json")
        catalog_module.load_company_table.cache_clear()
        assert catalog_module.load_company_table() == first
        cached.write_text("0" * 32 + '\n{"companies": "damaged"}')
        catalog_module.load_company_table.cache_clear()
        assert catalog_module.load_company_table() == first
        body = cached.read_text().partition("\n")[2]
        assert validate_json(catalog_module.CompanyTable, body) == first
    finally:
        catalog_module.load_company_table.cache_clear()


def test_degree_literal_matches_the_contract_ids():

    from pmpath.i18n import catalogue
    from pmpath.ids import DEGREE_IDS, DEGREE_ORDER
    from pmpath.models import Profile

    assert DEGREE_IDS[:6] == ("none", "bachelor", "master", "mba", "ms_cs", "phd")  # CONTRACTS.md
    assert DEGREE_IDS[6:] == ("associate", "emba")  # issue 22: appended, the old ids stay valid
    assert set(DEGREE_ORDER) == set(DEGREE_IDS) - {"none"}
    assert validate(Profile, {"years_experience": 1.0, "network_size": 0, "degrees": ["phd"]}).degrees == (
        "phd",
    )
    for lang in ("en", "zh"):
        assert all(catalogue(lang)[f"degree_{d}"] for d in DEGREE_IDS)


# ------------------------------------------------------------------ course facts shown to the reader


def _listing(catalog, lang):
    """The courses table as a terminal wide enough that no cell wraps."""
    from rich.console import Console

    from pmpath.render import terminal

    console = Console(width=400, no_color=True, record=True, file=io.StringIO())
    console.print(terminal.courses(catalog, lang=lang))
    return " ".join(console.export_text().split())


def test_the_listing_says_how_sure_how_old_and_what_it_costs(catalog, invoke, fixed_terminal):
    """`pmpath courses`: a second-hand fact is marked in words, every course its check, and a
    course without a figure says why (issue 38)."""
    narrow = " ".join(invoke("courses").stdout.split())
    assert "checked 2026-12" in narrow and "second-hand page" in narrow
    listing = _listing(catalog, "en")
    assert "not verified at the source: from a second-hand page" in listing
    assert "no MIT page names this programme" in listing
    assert "US$212,000 assessed fees, Class of 2026 (2024-25) (seen 2024)" in listing
    assert listing.count("checked 2026-12") == len(catalog.courses)
    zh = _listing(catalog, "zh")
    assert zh.count("未经来源核实：出自二手页面") == sum(c.confidence == "S" for c in catalog.courses)
    assert zh.count("2026-12 核对") == len(catalog.courses)
    assert "因书店和版本而异" in zh
    assert "报名费 3200 元（2023 年所见）" in zh


def test_a_verified_course_shows_no_confidence_words(catalog):
    from pmpath.render import views

    haas = next(c for c in catalog.courses if c.id == "haas-emba")
    assert haas.confidence == "V"
    assert views.course_confidence(haas, "en") == ""
    assert views.course_facts(haas, "en") == (
        "cost: US$212,000 assessed fees, Class of 2026 (2024-25) (seen 2024) · checked 2026-12"
    )
    blm = next(c for c in catalog.courses if c.id == "blm-strategy-decoding")
    assert views.course_facts(blm, "zh") == (
        "费用：这是一种方法而非产品：公开文章免费，企业内训价格不公开；"
        "2026-12 核对；未经来源核实：出自二手页面"
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_roadmaps_course_lines_carry_the_facts(catalog, lang, fmt):
    from pmpath.render import html, markdown, views
    from pmpath.report import build_report

    from conftest import make_answers

    rep = build_report(make_answers(catalog, years=6, managing=1, rating=3), catalog, 2026)
    text = (markdown if fmt == "md" else html).report(rep, catalog, lang=lang)
    steps = enumerate(rep.roadmap.steps, 1)
    shown = [c for n, s in steps for c in views.step_view(n, s, catalog, lang).courses]
    assert shown
    for course in shown:
        assert course.facts, course.name
        facts = course.facts
        if fmt == "html":
            facts = facts.replace("'", "&#39;").replace('"', "&#34;")
        assert facts in text, (course.name, facts)
        assert ("checked 2026-12" if lang == "en" else "2026-12 核对") in facts


def test_courses_as_json_carry_the_check_and_the_cost_or_its_note(invoke):
    import json

    courses = json.loads(invoke("courses", "--format", "json").stdout)["courses"]
    for course in courses:
        assert course["checked"] == "2026-12", course["id"]
        assert (course["cost"] is None) != (course["cost_note"] is None), course["id"]
    lenny = next(c for c in courses if c["id"] == "lennys-newsletter")
    assert lenny["kind"] == "newsletter" and lenny["cost_note"]["zh"].startswith("播客")


def test_the_company_table_is_valid_sourced_and_maps_real_levels(catalog):
    """data/company_levels.toml is read without pydantic at start-up: pydantic checks it here."""
    from pmpath.catalog import data_dir
    from pmpath.models import CompanyTable
    from pmpath.parsing import parse_toml

    text = (data_dir() / "company_levels.toml").read_text(encoding="utf-8")
    table = validate(CompanyTable, parse_toml(text, "company_levels.toml"))
    ids = [lv.id for lv in catalog.levels]
    assert len(table.companies) >= 7
    for company in table.companies:
        assert company.source.strip() and company.name.zh
        seen = set()
        for grade in company.levels:
            assert set(grade.maps_to) <= set(ids), (company.id, grade.code)
            assert grade.source.strip(), (company.id, grade.code)
            bands = [catalog.path_index(i) for i in grade.maps_to]
            assert max(bands) - min(bands) <= 1, (company.id, grade.code)  # adjacent rungs only
            assert (grade.code, grade.track) not in seen  # a code once per track
            seen.add((grade.code, grade.track))
    assert {"alibaba", "tencent", "bytedance", "google", "meta"} <= {c.id for c in table.companies}
