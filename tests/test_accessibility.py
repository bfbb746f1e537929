"""Every page pmpath writes, checked by axe-core (the engine browsers' accessibility tools use) in
the system Chromium: WCAG 2.1 A and AA and axe's best practices, contrast measured on the page
as drawn, at a phone's width and a laptop's, in both languages.

Measured first (issue 24): the forms passed; the report's legend drew "Next: …" in orange text
(3.18:1 where 4.5:1 is needed), and a wide table's scrolling box could not be reached by keyboard
in the report, the cohort and the packet.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_packet import person  # noqa: F401  (a fixture: Alice assessed twice, with evidence)

from conftest import ROOT

axe_sync = pytest.importorskip("axe_playwright_python.sync_playwright")

RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}
WIDTHS = (390, 1000)
ALICE = ROOT / "examples" / "alice.toml"
REVIEWS = sorted((ROOT / "examples" / "reviews").glob("alice-*.toml"))


def _audit(page) -> dict:
    found = axe_sync.Axe().run(page, options=RULES).response
    problems = [
        f"{v['id']} ({v['impact']}): {n['html'][:120]} — {n.get('failureSummary', '')[:300]}"
        for v in found["violations"]
        for n in v["nodes"]
    ]
    return {"problems": problems, "passed": {p["id"] for p in found["passes"]}}


def _check(browser, path: Path, width: int, before=None) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        if before is not None:
            before(page)
        seen = _audit(page)
        assert seen["problems"] == [], "\n".join(seen["problems"])
        assert "color-contrast" in seen["passed"]  # contrast was measured, not skipped
    finally:
        context.close()


def _report(invoke, tmp_path: Path, lang: str) -> Path:
    page = tmp_path / f"report-{lang}.html"
    reviews = [a for r in REVIEWS for a in ("--review", str(r))]
    made = invoke("assess", "-a", str(ALICE), *reviews, "--lang", lang, "-o", str(page), "--no-history")
    assert made.exit_code == 0, made.stderr
    return page


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_report(invoke, tmp_path, browser, lang, width):
    _check(browser, _report(invoke, tmp_path, lang), width)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_cohort_summary_with_reviews_a_baseline_and_reports(invoke, tmp_path, browser, width):
    cohort = ROOT / "examples" / "cohort"
    baseline = tmp_path / "q1.json"
    first = invoke("cohort", str(cohort), "-o", str(baseline), "--no-github-summary")
    assert first.exit_code == 0, first.stderr
    page = tmp_path / "cohort.html"
    reports = tmp_path / "reports"
    made = invoke(
        "cohort", str(cohort), "--baseline", str(baseline), "--reports", str(reports),
        "-o", str(page), "--no-github-summary",
    )  # fmt: skip
    assert made.exit_code == 0, made.stderr
    _check(browser, page, width)
    _check(browser, sorted(reports.glob("*.html"))[0], width)  # a participant's own report


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_promotion_packet(invoke, person, browser, lang):  # noqa: F811
    page = person / f"packet-{lang}.html"
    assert invoke("packet", "--lang", lang, "-o", str(page)).exit_code == 0
    for width in WIDTHS:
        _check(browser, page, width)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("args", "lang"), [((), "en"), (("--review", "Alice Chen"), "zh")])
def test_the_form_as_it_opens(invoke, tmp_path, browser, args, lang, width):
    page = tmp_path / "form.html"
    assert invoke("form", *args, "--lang", lang, "-o", str(page)).exit_code == 0
    _check(browser, page, width)


def test_the_form_showing_its_errors_and_answers_kept_from_before(invoke, tmp_path, browser):
    page = tmp_path / "form.html"
    assert invoke("form", "-o", str(page)).exit_code == 0

    def half_done_then_checked(tab) -> None:
        tab.fill("#profile-name", "Pat Example")
        tab.reload()  # the kept answers come back, with the line that says so
        assert tab.locator("#restored").is_visible()
        tab.get_by_role("button", name="Make my answers file").click()
        assert tab.locator("#errors li").count() > 1

    _check(browser, page, 390, half_done_then_checked)
