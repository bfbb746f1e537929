"""The Markdown plan is valid CommonMark with the expected structure, and user text stays text."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from pmpath.render.markdown import escape, report
from pmpath.report import build_report

from conftest import make_answers, markdown_problems

md = MarkdownIt("commonmark").enable("table")


def _plan(catalog, name="Alice Chen", **spec):
    spec = {"years": 6, "managing": 1, "rating": 4, **spec}
    rep = build_report(make_answers(catalog, name=name, **spec), catalog, 2026)
    return report(rep, catalog, generated="2026-11-24")


def _headings(tokens, level):
    out = []
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.tag == f"h{level}":
            out.append(tokens[i + 1].content)
    return out


def test_structure_headings_table_and_tasks(catalog):
    tokens = md.parse(_plan(catalog))
    assert _headings(tokens, 1) == ["Career plan: Alice Chen"]
    h2 = _headings(tokens, 2)
    assert h2[:3] == ["Where you stand", "Skills", "Roadmap to Chief Product Officer"]
    assert "Timeline" in h2
    steps = _headings(tokens, 3)
    assert steps[0] == "Why this level"
    assert steps[-1].startswith("Step ") and "Chief Product Officer" in steps[-1]
    # one skill table with a header and a row per skill
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) >= len(catalog.skills) + 1
    inline = "\n".join(t.content for t in tokens if t.type == "inline")
    assert inline.count("[ ] ") >= 5  # GitHub task list items
    assert "2026-11-24" in inline


def test_course_links_are_real_links(catalog):
    tokens = md.parse(_plan(catalog, years=3, rating=3))
    hrefs = [
        child.attrs["href"]
        for tok in tokens
        if tok.type == "inline"
        for child in tok.children or []
        if child.type == "link_open"
    ]
    assert hrefs and all(h.startswith(("https://", "http://")) for h in hrefs)


INJECTIONS = [
    "<script>alert(1)</script>",
    "[click](https://evil.example)",
    "# Heading\n## Another",
    "Eve | broken | table",
    "![img](https://x/y.png)",
    "**bold** _it_ `code`",
    "<img src=x onerror=alert(1)>",
    "line\nbreak\r\n- [ ] fake task",
    "&lt;entity&gt; &amp;",
    "\\*escaped\\*",
]


@pytest.mark.parametrize("name", INJECTIONS)
def test_user_text_cannot_inject_markup(catalog, name):
    text = _plan(catalog, name=name)
    tokens = md.parse(text)
    html = md.render(text)
    assert "<script" not in html and "<img" not in html
    assert "evil.example" not in [a for t in tokens for c in (t.children or []) for a in c.attrs.values()]
    assert len(_headings(tokens, 1)) == 1
    assert len(_headings(tokens, 2)) == len(_headings(md.parse(_plan(catalog)), 2))
    flat = " ".join(name.split())
    assert _headings(tokens, 1)[0] == f"Career plan: {escape(flat)}"
    # the escaped name renders back to exactly the text the user typed
    rendered = md.renderInline(escape(flat))
    assert (
        rendered.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
        == flat
    )


def test_cpo_plan_has_no_steps(catalog):
    text = _plan(catalog, years=12, managing=6, rating=5)
    assert "no steps remain" in text
    assert "Timeline" not in _headings(md.parse(text), 2)


@pytest.mark.parametrize(
    "args",
    [
        ["assess", "-a", "examples/alice.toml", "-f", "md"],
        ["assess", "-a", "examples/alice.toml", "-f", "md", "--lang", "zh"],
        ["cohort", "examples/cohort", "-f", "md"],
        ["cohort", "examples/cohort", "-f", "md", "--lang", "zh"],
        ["assess", "-a", "examples/alice.toml", "-f", "md", "-r", "examples/reviews/alice-manager.toml"],
        [
            "assess",
            "-a",
            "examples/ladders/gitlab/sample.toml",
            "-f",
            "md",
            "--ladder",
            "examples/ladders/gitlab",
        ],
    ],
)
def test_markdown_passes_a_linter(invoke, tmp_path, args):
    """pymarkdownlnt, every rule but line length (tables and anchors are long lines)."""

    from conftest import ROOT

    result = invoke(*[str(ROOT / a) if a.startswith("examples/") else a for a in args])
    target = tmp_path / "out.md"
    target.write_text(result.stdout)
    assert markdown_problems(target) == ""
