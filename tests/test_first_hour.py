"""The first hour, again (issue 41): what a new reader met in the pages, the Markdown, the
Chinese screens and piped output, each pinned by a check that failed before its fix."""

from __future__ import annotations

import html
import re

import pytest
from markdown_it import MarkdownIt

from conftest import ROOT

ALICE = str(ROOT / "examples" / "alice.toml")
WORK = "Wrote the one-year strategy; 40% adoption, see https://example.com/a-b"


def _visible(page: str) -> str:
    """A page's text as a reader sees it: no scripts or styles, tags gone, entities read."""
    page = re.sub(r"<script.*?</script>|<style.*?</style>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.fixture
def logged(invoke):
    assert invoke("assess", "-a", ALICE, "-f", "json").exit_code == 0
    added = invoke(
        "evidence", "add", "strategy", WORK, "--metric", "40% → 55%", "--link", "https://example.com/a_b"
    )
    assert added.exit_code == 0, added.stderr
    return invoke


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pages_show_commands_as_code_never_backticks(logged, lang):
    """A catalogue sentence written for Markdown too (`pmpath levels --format json`) showed its
    backticks on the page; now the command is <code>."""
    report = logged("assess", "-a", ALICE, "-f", "html", "--no-history", "--lang", lang).stdout
    packet = logged("packet", "-f", "html", "--lang", lang).stdout
    for page in (report, packet):
        assert "`" not in _visible(page)
    assert "<code>pmpath levels --format json</code>" in report
    assert "<code>pmpath assess --review" in packet


@pytest.mark.parametrize("args", [("evidence", "list", "-f", "md"), ("packet", "-f", "md")])
def test_markdown_escapes_only_what_would_change_its_structure(logged, args):
    """`one\\-year`, `40\\%` and `https\\:\\/\\/` made the raw file unreadable for nothing:
    the text is as written, and CommonMark still reads it as that text."""
    md = logged(*args).stdout
    assert "one-year" in md and "40% adoption" in md and "https://example.com/a-b" in md
    assert not re.search(r"\\[-%:/.;,]", md), re.findall(r".{10}\\[-%:/.;,].{10}", md)
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    texts = [c.content for t in tokens if t.type == "inline" for c in (t.children or []) if c.type == "text"]
    assert any(WORK in text for text in texts)


def test_an_unfilled_template_reports_every_problem_at_once(invoke, tmp_path):
    """All seventeen placeholders at once, a line each naming file, field and line: not the
    first and "(and 16 more problems)", to be found one run at a time."""
    template = tmp_path / "me.toml"
    assert invoke("template", "-o", str(template)).exit_code == 0
    result = invoke("assess", "-a", str(template), "--no-history")
    assert result.exit_code == 2
    *problems, hint = result.stderr.splitlines()
    assert len(problems) == 17, result.stderr
    for line in problems:
        assert re.match(
            rf"pmpath: {re.escape(str(template))}: (profile|ratings)\.\w+: .* \(line \d+\)$", line
        )
    assert "more problem" not in result.stderr and hint.startswith("hint: ")


def test_a_company_ladder_s_error_never_says_reinstall(invoke, tmp_path):
    ladder = tmp_path / "acme"
    assert invoke("ladder", "init", str(ladder)).exit_code == 0
    levels = ladder / "levels.toml"
    levels.write_text(
        levels.read_text().replace("schema_version = 1\n", "schema_version = 1\nbogus = 1\n", 1)
    )
    result = invoke("ladder", "check", str(ladder))
    assert result.exit_code == 2
    assert str(levels) in result.stderr and "reinstall" not in result.stderr
    assert "pmpath ladder check" in result.stderr


HAN = "\u4e00-\u9fff"


@pytest.mark.parametrize("fmt", ["table", "md", "html"])
def test_chinese_lists_are_joined_with_the_chinese_comma(invoke, fmt, monkeypatch):
    """ "市场洞察与竞争分析 3→4, 创新 3→4": a list between Chinese items takes 、, never ", "."""
    monkeypatch.setenv("COLUMNS", "200")
    shown = invoke("assess", "-a", ALICE, "--lang", "zh", "--no-history", "--no-pager", "-f", fmt).stdout
    text = _visible(shown) if fmt == "html" else shown
    assert not re.findall(rf"[{HAN}\d→）]\s*, \s*[{HAN}]", text), re.findall(
        rf".{{12}}[{HAN}\d→], [{HAN}].{{6}}", text
    )


def test_chinese_degrees_in_the_answer_echo():
    from pmpath.catalog import load_catalog
    from pmpath.prompts import answer_text
    from pmpath.questionnaire import build_questions

    degrees = next(q for q in build_questions(load_catalog(), "zh") if q.key == "profile.degrees")
    said = answer_text(degrees, ["bachelor", "mba"], "zh")
    assert ", " not in said and "、" in said


def test_chinese_errors_name_the_built_in_ladder_in_chinese(invoke):
    result = invoke("evidence", "add", "nosuchskill", "x", "--name", "王芳", "--new-person", "--lang", "zh")
    assert result.exit_code == 2
    assert "bundled" not in result.stderr and "内置职级体系" in result.stderr


@pytest.mark.parametrize("fmt", ["table", "md", "html"])
def test_the_chinese_packet_says_its_rules_in_words_not_ids(logged, fmt):
    shown = logged("packet", "--lang", "zh", "-f", fmt).stdout
    text = _visible(shown) if fmt == "html" else shown
    assert "defining_evidence" not in text and "metrics" not in text
    assert fmt == "table" or "共六条规则" in text


def test_a_shortfall_never_rounds_up_to_the_requirement():
    """1.96 years beside a requirement of 2 read "✗ 带人经验 2 年（你有 2 年）"."""
    from pmpath.render.views import years_had

    assert years_had(1.96, 2) == "1.9"
    assert years_had(2.0, 2) == "2" and years_had(6.04, 4) == "6" and years_had(1.2, 2) == "1.2"


def _cells(line: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("args", [("packet",), ("evidence", "list"), ("progress",), ("history",)])
def test_piped_listings_are_80_cells(logged, monkeypatch, args, lang):
    """README: piped output is 80 cells, whatever COLUMNS says; `packet` and `evidence list`
    were 100, and `progress` had a 212-cell line of skills still open."""
    monkeypatch.setenv("COLUMNS", "200")
    other = ROOT / "examples" / "alice.toml"
    assert logged("assess", "-a", str(other), "-f", "json").exit_code == 0  # a second run: progress
    shown = logged(*args, "--lang", lang).stdout
    assert shown.strip()
    assert max(_cells(line) for line in shown.splitlines()) <= 80, shown


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_piped_report_has_no_trailing_spaces(invoke, lang, tmp_path):
    piped = invoke("assess", "-a", ALICE, "--no-history", "--lang", lang).stdout
    target = tmp_path / "plan.txt"
    assert (
        invoke(
            "assess", "-a", ALICE, "--no-history", "--lang", lang, "-f", "table", "-o", str(target)
        ).exit_code
        == 0
    )
    for shown in (piped, target.read_text()):
        assert [line for line in shown.splitlines() if line.endswith(" ")] == []


WIDE_TABLES = """() => Array.from(document.querySelectorAll('table.stack')).map(t => {
  const cells = Array.from(t.querySelectorAll('td'));
  const first = t.querySelector('tbody td:nth-child(2)');
  const edge = t.parentElement.getBoundingClientRect().right + 1;
  const line = first ? parseFloat(getComputedStyle(first).lineHeight) || 20 : 20;
  return {scroll: t.parentElement.scrollWidth, room: t.parentElement.clientWidth,
          hidden: cells.filter(c => c.getBoundingClientRect().right > edge).length,
          level: first ? first.getBoundingClientRect().height / line : 0,
          label: first ? getComputedStyle(first, '::before').content : ''};
})"""


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width", [390, 1200])
def test_the_roadmap_and_packet_tables_read_on_a_phone(logged, browser, tmp_path, lang, width):
    """At 390 px the roadmap table scrolled sideways with columns out of sight and, in Chinese,
    squeezed the level to one character a line (资/深/产/品…); the packet's table did the same.
    On a phone each row is now a card of labelled cells; at 1200 px it stays a table."""
    pages = {
        "report": logged("assess", "-a", ALICE, "-f", "html", "--no-history", "--lang", lang).stdout,
        "packet": logged("packet", "-f", "html", "--lang", lang).stdout,
    }
    for kind, text in pages.items():
        page_file = tmp_path / f"{kind}-{lang}.html"
        page_file.write_text(text)
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(page_file.as_uri())
        tables = page.evaluate(WIDE_TABLES)
        assert tables, kind
        for seen in tables:
            assert seen["scroll"] <= seen["room"] and seen["hidden"] == 0, (kind, seen)
            assert seen["level"] < 2.5, (
                kind,
                seen,
            )  # the level's name on one line (or two), never a column of characters
            assert (seen["label"] not in ("none", "normal", "")) == (width == 390), (kind, seen)
        page.screenshot(path=str(tmp_path / f"{kind}-{lang}-{width}.png"), full_page=True)
        page.close()


def test_the_readme_cites_what_the_repository_has_and_lists_every_degree():
    from pmpath.ids import DEGREE_ORDER

    readme = (ROOT / "README.md").read_text()
    assert "CONTRACTS.md" not in readme or (ROOT / "CONTRACTS.md").exists()
    listed = re.search(r'degrees = \["bachelor"\]\s+# (.*)', readme)
    assert listed and set(listed.group(1).replace(",", " ").split()) == {"none", *DEGREE_ORDER}
    assert "(7 pages" not in readme and "up to three things" in readme


@pytest.mark.parametrize(
    ("key", "values", "said"),
    [
        ("r_reviews_count", {"n": 4, "roles": "x"}, "4 reviews: x"),
        ("r_reviews_count", {"n": 1, "roles": "x"}, "1 review: x"),
        ("i_deleted", {"n": 2}, "deleted 2 runs"),
        ("r_act_manage", {"y": 1}, "Start managing people: the next step needs 1 more year of it."),
        ("resume_note", {"n": 1, "where": "d"}, "Note: 1 interrupted questionnaire saved in d;"),
    ],
)
def test_english_counts_take_the_right_plural(key, values, said):
    from pmpath.i18n import T

    assert T(key, "en", **values).startswith(said)
    assert "(s)" not in T(key, "en", **values)
