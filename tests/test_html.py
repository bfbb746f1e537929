"""The HTML report: structure and escaping in-process, then the real thing in headless Chromium
(DOM, phone and laptop widths, print to PDF, no network). The Mermaid timeline of the Markdown
plan is parsed against its grammar, and drawn by Mermaid itself when a copy is at hand."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, answers_toml

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)> \u202eevil\u202c & \"quotes\" 'too'"


def chromium() -> str:
    """CI (.ci/run sets PMPATH_REQUIRE_BROWSER) fails without a browser; a laptop skips."""
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if found:
        return found
    if os.environ.get("PMPATH_REQUIRE_BROWSER"):
        pytest.fail("Chromium is required here (apt-get install chromium) and was not found")
    pytest.skip("no Chromium on this machine")


def run_browser(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"chrome-{len(list(tmp_path.glob('chrome-*')))}"
    cmd = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=90)


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """English (with reviews and a hostile name) and Chinese reports, and a cohort page."""
    from pmpath.catalog import load_catalog
    from pmpath.cli import run

    catalog = load_catalog()
    base = tmp_path_factory.mktemp("html")
    me = base / "me.toml"
    me.write_text(answers_toml(catalog).replace('"Test Person"', json.dumps(HOSTILE)))
    review = base / "rev.toml"
    review.write_text(f'[review]\nabout = {json.dumps(HOSTILE)}\nrole = "manager"\n[ratings]\nstrategy = 2\n')
    out = {}
    for key, args in {
        "en": ["assess", "-a", str(me), "-r", str(review), "-o", str(base / "en.html")],
        "zh": [
            "assess",
            "-a",
            str(ROOT / "examples" / "alice.toml"),
            "--lang",
            "zh",
            "-o",
            str(base / "zh.html"),
        ],
        "cohort": ["cohort", str(ROOT / "examples" / "cohort"), "-o", str(base / "cohort.html")],
    }.items():
        with pytest.raises(SystemExit) as exit_:
            run([*args, "--no-history"] if key != "cohort" else args)
        assert exit_.value.code == 0
        out[key] = base / f"{key}.html"
    return out


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(text: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(text)
    return parser.tags


def test_self_contained_and_escaped(pages):
    text = pages["en"].read_text()
    tags = _tags(text)
    names = [t for t, _ in tags]
    assert "script" not in names and "img" not in names and "link" not in names and "iframe" not in names
    assert not any(k.startswith("on") for _, attrs in tags for k in attrs)  # no event handlers at all
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "url(" not in text and "@import" not in text
    remote = [a.get("href") for t, a in tags if t == "a"]
    assert remote and all(str(h).startswith("https://") for h in remote)  # course links stay links
    assert all(not str(a.get("src", "")).startswith("http") for _, a in tags)


def test_every_chart_has_a_title_a_description_and_a_table(pages):
    for key in ("en", "cohort"):
        text = pages[key].read_text()
        svgs = re.findall(r"<svg.*?</svg>", text, flags=re.S)
        assert len(svgs) >= 2
        for svg in svgs:
            assert "<title" in svg and "<desc" in svg and 'role="img"' in svg
        # a chart drawn twice (the phone's copy, larger labels) is still one chart with one table
        charts = [svg for svg in svgs if "-phone-t" not in svg]
        assert len(svgs) - len(charts) in (0, 2) and text.count("<table") >= len(charts)


def test_chinese_page_is_chinese(pages):
    text = pages["zh"].read_text()
    assert 'lang="zh-Hans"' in text and "Noto Sans CJK SC" in text
    visible = re.sub(r"<style.*?</style>|<[^>]+>", " ", text, flags=re.S)
    english = {"Where you stand", "Skills", "Roadmap", "Step", "Timeline", "Why this level", "Courses"}
    assert not [w for w in english if re.search(rf"\b{w}\b", visible)], visible[:400]


@pytest.mark.parametrize("ratings", [1, 5])
def test_extreme_ratings_still_draw_valid_charts(invoke, tmp_path, catalog, ratings):
    me = tmp_path / "me.toml"
    text = answers_toml(catalog, years_experience=30, years_managing=20, network_size=90000)
    me.write_text(re.sub(r"(?m)^(\w+) = 3$", rf"\1 = {ratings}", text))
    result = invoke("assess", "-a", str(me), "-f", "html", "--no-history")
    assert result.exit_code == 0
    polygons = re.findall(r'<polygon class="s-\w+" points="([^"]+)"', result.stdout)
    assert polygons and all(len(p.split()) == len(catalog.skills) for p in polygons)
    import math

    coords = [float(v) for p in polygons for pair in p.split() for v in pair.split(",")]
    assert all(math.isfinite(v) and 0 <= v <= 760 for v in coords)


def test_html_output_is_never_clobbered(invoke, tmp_path):
    target = tmp_path / "plan.html"
    target.write_text("mine")
    result = invoke("assess", "-a", str(ROOT / "examples" / "alice.toml"), "-o", str(target), "--no-history")
    assert result.exit_code == 2 and target.read_text() == "mine"


# ------------------------------------------------------------------ in a real browser

HARNESS = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="{src}" style="width:{width}px;height:900px;border:0"></iframe>
<pre id="result"></pre>
<script>
document.getElementById("f").addEventListener("load", function () {{
  var d = this.contentDocument, e = d.documentElement;
  var svg = [].find.call(d.querySelectorAll("#radar svg"), function (s) {{  // the copy shown
    return s.getBoundingClientRect().width > 0; }});
  var box = svg ? svg.getBoundingClientRect() : {{width: 0, height: 0}};
  document.getElementById("result").textContent = JSON.stringify({{
    scroll: e.scrollWidth, client: e.clientWidth, level: (d.getElementById("level") || {{}}).textContent,
    title: d.title, radar: [box.width, box.height], hostile: d.body.textContent.indexOf("<script>") >= 0,
    scripts: d.scripts.length,
    resources: this.contentWindow.performance.getEntriesByType("resource")
      .map(function (r) {{ return r.name; }})
  }});
}});
</script></body></html>"""


@pytest.mark.parametrize("width", [390, 1280])
def test_fits_a_phone_and_a_laptop(pages, tmp_path, width):
    harness = tmp_path / "harness.html"
    harness.write_text(HARNESS.format(src=pages["en"].as_uri(), width=width))
    result = run_browser(
        tmp_path,
        "--allow-file-access-from-files",
        "--virtual-time-budget=5000",
        "--dump-dom",
        harness.as_uri(),
    )
    found = re.search(r'<pre id="result">(.*?)</pre>', result.stdout, flags=re.S)
    assert found and found.group(1), result.stderr[-2000:]
    seen = json.loads(found.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
    assert seen["scroll"] <= seen["client"], f"horizontal scroll at {width}px: {seen}"
    assert seen["level"] and seen["scripts"] == 0
    assert seen["hostile"] and "<script>" in seen["title"]  # shown as text, never run
    assert 200 < seen["radar"][0] <= width and seen["radar"][1] > 200
    shot = tmp_path / f"shot-{width}.png"
    run_browser(tmp_path, f"--window-size={width},1600", f"--screenshot={shot}", pages["en"].as_uri())
    assert shot.stat().st_size > 10_000
    assert int.from_bytes(shot.read_bytes()[16:20], "big") == width  # PNG width


def _seen(tmp_path: Path, page: Path, width: int = 1280) -> dict:
    harness = tmp_path / f"harness-{page.stem}-{width}.html"
    harness.write_text(HARNESS.format(src=page.as_uri(), width=width))
    result = run_browser(
        tmp_path,
        "--allow-file-access-from-files",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--virtual-time-budget=5000",
        "--dump-dom",
        harness.as_uri(),
    )
    found = re.search(r'<pre id="result">(.*?)</pre>', result.stdout, flags=re.S)
    assert found and found.group(1), result.stderr[-2000:]
    return json.loads(found.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))


def test_dom_and_no_network(pages, tmp_path):
    result = run_browser(tmp_path, "--dump-dom", pages["en"].as_uri())
    dom = result.stdout
    assert 'id="level"' in dom and "<svg" in dom and "&lt;script&gt;" in dom
    assert "<script" not in dom
    for page in pages.values():
        assert _seen(tmp_path, page)["resources"] == [], page.name  # nothing fetched, not even a file


def test_the_network_check_would_see_a_fetch(tmp_path):
    """The detector itself: a page that loads an image from the web is caught."""
    leaky = tmp_path / "leaky.html"
    leaky.write_text(
        '<!DOCTYPE html><html><body><img id="level" src="https://example.invalid/x.png"></body></html>'
    )
    assert _seen(tmp_path, leaky)["resources"] == ["https://example.invalid/x.png"]


def test_prints_to_a_few_a4_pages(pages, tmp_path):
    pdf = tmp_path / "plan.pdf"
    run_browser(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", pages["zh"].as_uri())
    data = pdf.read_bytes()
    pages_found = len(re.findall(rb"/Type\s*/Page[^s]", data))
    assert 2 <= pages_found <= 8, pages_found
    box = re.search(rb"/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert box and abs(float(box.group(1)) - 595) < 1 and abs(float(box.group(2)) - 842) < 1  # A4


# ------------------------------------------------------------------ Mermaid in the Markdown plan

GANTT_LINE = re.compile(
    r"^    (?:title .+|dateFormat YYYY-MM-DD|axisFormat %Y|section [^:;#]+|"
    r"[^:;#\n]+ :[a-z]\d+, \d{4}-\d\d-\d\d, \d{4}-\d\d-\d\d)$"
)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_markdown_plan_has_a_valid_mermaid_gantt(invoke, lang):
    import datetime

    text = invoke("assess", "-a", str(ROOT / "examples" / "alice.toml"), "-f", "md", "--lang", lang).stdout
    block = re.search(r"```mermaid\n(.*?)\n```", text, flags=re.S)
    assert block, "no mermaid block"
    lines = block.group(1).splitlines()
    assert lines[0] == "gantt"
    bad = [line for line in lines[1:] if not GANTT_LINE.match(line)]
    assert not bad, bad
    tasks = [re.search(r", (\S+), (\S+)$", line) for line in lines if re.search(r":[a-z]\d+,", line)]
    spans = [
        (datetime.date.fromisoformat(m.group(1)), datetime.date.fromisoformat(m.group(2))) for m in tasks if m
    ]
    assert spans and all(a < b for a, b in spans)
    assert sum(line.strip().startswith("section ") for line in lines) == 2


def test_mermaid_itself_draws_the_gantt(invoke, tmp_path):
    """With a copy of Mermaid (MERMAID_JS, or the one .ci/run fetches with npm), draw it for real."""
    script = os.environ.get("MERMAID_JS") or str(
        ROOT / ".ci" / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
    )
    if not Path(script).is_file():
        if os.environ.get("PMPATH_REQUIRE_BROWSER"):
            pytest.fail(f"Mermaid not found at {script}")
        pytest.skip("no local copy of Mermaid")
    text = invoke("assess", "-a", str(ROOT / "examples" / "alice.toml"), "-f", "md").stdout
    gantt = re.search(r"```mermaid\n(.*?)\n```", text, flags=re.S).group(1)  # type: ignore[union-attr]
    page = tmp_path / "m.html"
    page.write_text(
        f'<!DOCTYPE html><html><body><pre class="mermaid">{gantt}</pre>'
        f'<script src="{Path(script).as_uri()}"></script>'
        "<script>mermaid.initialize({startOnLoad:false});"
        "mermaid.run().then(()=>{document.body.dataset.done='ok'})"
        ".catch(e=>{document.body.dataset.done='error: '+e})"
        "</script></body></html>"
    )
    result = run_browser(
        tmp_path, "--allow-file-access-from-files", "--virtual-time-budget=10000", "--dump-dom", page.as_uri()
    )
    assert 'data-done="ok"' in result.stdout, result.stdout[-1500:]
    assert "Chief Product Officer" in result.stdout and "<rect" in result.stdout


@pytest.mark.parametrize("key", ["en", "zh"])
def test_the_browser_shows_growth_actions_under_the_quarter_and_each_gap(pages, tmp_path, key):
    """Chromium's DOM, not the file: the actions sit inside their item, as a list a reader sees."""
    dom = run_browser(tmp_path, "--dump-dom", pages[key].as_uri()).stdout
    summary = dom.split('<section id="summary">', 1)[1].split("</section>", 1)[0]
    quarter = summary.split("<ol>", 1)[1].split("</ol>", 1)[0]
    assert re.search(r"<li>[^<]+<ul class=\"actions\"><li>[^<]{20,}</li>", quarter)
    roadmap = dom.split('<section id="summary">', 1)[1].split("</section>", 1)[1]
    label = {"en": "On the job", "zh": "在岗实践"}[key]
    assert re.search(rf'<ul class="actions"><li>{label}', roadmap)
