"""An English report is English (issue 38): no Chinese characters outside proper names, and no
English sentence sends an English reader to a resource published only in Chinese.

What counts as a proper name, and so may be shown in Chinese in an English report:
- a person's name as they or their reviewers wrote it (`profile.name`, a manager's `by`);
- a company's own grade titles and names in data/company_levels.toml (`equivalents`,
  `company_level`): they are what the company calls the grade, quoted as data.
Everything else an English reader sees -- the interface's catalogue, the ladder's texts, the
actions, the KPIs, course names and providers -- must be free of CJK characters.
"""

from __future__ import annotations

import html as html_lib
import io
import re
import tomllib
from typing import Any

import pytest
from rich.console import Console

from pmpath.catalog import data_dir
from pmpath.models import Answers, validate
from pmpath.render import html, markdown, terminal
from pmpath.report import build_report

CJK = re.compile(r"[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
NAME = "陈晓明"
"""A Chinese name: the one proper name of the person the report shows as written."""


def _proper_names() -> list[str]:
    """Company names and grade titles (both languages): data quoted as the company writes it."""
    data = tomllib.loads((data_dir() / "company_levels.toml").read_text(encoding="utf-8"))
    names: list[str] = [NAME]

    def walk(value: Any, key: str = "") -> None:
        if isinstance(value, dict):
            for k, inner in value.items():
                walk(inner, k if k not in ("en", "zh") else key)
        elif isinstance(value, list):
            for inner in value:
                walk(inner, key)
        elif isinstance(value, str) and key in ("name", "title", "code"):
            names.append(value)

    walk(data)
    return sorted(set(names), key=len, reverse=True)


def _answers(
    ratings: int, years: float, managing: float, company: str | None, business: str | None = None
) -> Answers:
    from pmpath.catalog import load_catalog

    catalog = load_catalog()
    profile: dict[str, Any] = {
        "name": NAME,
        "years_experience": years,
        "years_managing": managing,
        "network_size": 50,
    }
    if company:
        profile["company_level"] = company
    if business:
        profile["business"] = business
    return validate(Answers, {"profile": profile, "ratings": dict.fromkeys(catalog.skill_ids, ratings)})


def _visible_html(page: str) -> str:
    page = re.sub(r"(?s)<(style|script)\b.*?</\1>", " ", page)
    page = re.sub(r"(?s)<!--.*?-->", " ", page)
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", page))


def _terminal(rep: Any, catalog: Any) -> str:
    console = Console(width=100, no_color=True, record=True, file=io.StringIO())
    console.print(terminal.report(rep, catalog, "en"))
    return console.export_text()


PEOPLE = [
    pytest.param(1, 0, 0, None, id="new-junior"),
    pytest.param(2, 3, 0, "alibaba:P6", id="pm-with-grade"),
    pytest.param(3, 7, 2, "tencent:11", id="senior-with-grade"),
]


def _leaks(text: str) -> list[str]:
    for name in _proper_names():
        text = text.replace(name, " ")
    return sorted({m.group(0) for m in re.finditer(r".{0,25}" + CJK.pattern + r"+.{0,10}", text)})


@pytest.mark.parametrize(("rating", "years", "managing", "company"), PEOPLE)
def test_an_english_report_has_no_chinese_outside_proper_names(catalog, rating, years, managing, company):
    rep = build_report(_answers(rating, years, managing, company), catalog, 2026)
    shown = {
        "terminal": _terminal(rep, catalog),
        "markdown": markdown.report(rep, catalog, generated="2026-12-07"),
        "html": _visible_html(html.report(rep, catalog, "en", generated="2026-12-07")),
    }
    assert NAME in shown["markdown"]  # the exemption is exercised, not vacuous
    assert {kind: _leaks(text) for kind, text in shown.items()} == {kind: [] for kind in shown}


def test_the_test_sees_chinese_where_there_is_some(catalog):
    """The check is not blind: a Chinese report of the same person is full of it."""
    rep = build_report(_answers(1, 0, 0, None), catalog, 2026)
    assert len(_leaks(markdown.report(rep, catalog, lang="zh", generated="2026-12-07"))) > 20


def test_no_english_text_of_the_ladder_names_a_chinese_only_resource(catalog):
    """Every English sentence in the ladder is free of CJK, and the course each English learning
    action names is not published only in Chinese (issue 38: 22 such sends in two reports)."""
    langs = {c.id: c.lang for c in catalog.courses}
    found = []
    for skill in catalog.skills:
        for action in skill.actions:
            if CJK.search(action.text.en):
                found.append(f"{skill.id} →{action.to} {action.kind}: {action.text.en[:50]}")
            if action.course is not None and langs[action.course] == "zh":
                found.append(f"{skill.id} →{action.to}: course {action.course} is Chinese-only")
    for level in catalog.levels:
        for text in (*level.network.actions.en, *level.kpis.en, *level.responsibilities.en):
            if CJK.search(text):
                found.append(f"{level.id}: {text[:50]}")
    assert found == []


@pytest.mark.parametrize("business", ["consumer", "b2b_saas", "platform", "marketplace", "hardware"])
@pytest.mark.parametrize("managing", [0, 3])
def test_the_kpis_for_every_business_are_english_in_an_english_report(catalog, business, managing):
    """The KPIs chosen for a business model (issue 38, part 3) on both tracks: no Chinese either."""
    rep = build_report(_answers(2, 4, managing, None, business), catalog, 2026)
    assert {s.kpis_business for s in rep.roadmap.steps} - {"other"} == {business}  # exercised
    shown = {
        "terminal": _terminal(rep, catalog),
        "markdown": markdown.report(rep, catalog, generated="2026-12-07"),
        "html": _visible_html(html.report(rep, catalog, "en", generated="2026-12-07")),
    }
    assert {kind: _leaks(text) for kind, text in shown.items()} == {kind: [] for kind in shown}


def test_an_english_promotion_packet_has_no_chinese_outside_proper_names(invoke, tmp_path):
    """The packet is read by a committee: in English, only the person's own name may be Chinese."""
    from conftest import ROOT

    source = (ROOT / "examples" / "alice.toml").read_text(encoding="utf-8")
    answers = tmp_path / "a.toml"
    answers.write_text(source.replace("Alice Chen", NAME), encoding="utf-8")
    assert invoke("assess", "-a", str(answers), "-f", "json").exit_code == 0
    added = invoke(
        "evidence", "add", "delegation", "Ran the planning for three teams", "--situation",
        "Plans slipped", "--result", "On time twice", "--scope", "led", "--metric", "2 of 2 on time",
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    shown = {fmt: invoke("packet", "-f", fmt, "--sponsor", "Dana Li") for fmt in ("table", "md", "html")}
    assert all(r.exit_code == 0 for r in shown.values()), {f: r.stderr for f, r in shown.items()}
    texts = {f: _visible_html(r.stdout) if f == "html" else r.stdout for f, r in shown.items()}
    assert NAME in texts["md"]  # the exemption is exercised
    assert {f: _leaks(t) for f, t in texts.items()} == {f: [] for f in texts}
