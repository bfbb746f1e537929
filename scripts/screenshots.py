"""Regenerate the README's pictures from real runs: `python scripts/screenshots.py`.

Terminal screens are rich's own SVG export of the report pmpath prints; the HTML report is
rendered by headless Chromium (Debian's `chromium`) to a PNG. Everything comes from the example
files in examples/, so the pictures show exactly what a user gets.
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
EXAMPLES = ROOT / "examples"
REVIEWS = [EXAMPLES / "reviews" / f"alice-{who}.toml" for who in ("manager", "peer-1", "peer-2", "peer-3")]


def terminal_svg(renderable: object, title: str, target: Path, width: int = 100) -> None:
    import io

    from rich.console import Console

    console = Console(record=True, width=width, file=io.StringIO(), force_terminal=True)
    console.print(renderable)
    target.write_text(console.export_svg(title=title), encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}")


def main() -> None:
    from pmpath.answers import read_answers, read_review
    from pmpath.catalog import load_catalog
    from pmpath.render import html, terminal
    from pmpath.report import build_report

    DOCS.mkdir(exist_ok=True)
    catalog = load_catalog()
    year = datetime.date.today().year
    alice = read_answers(str(EXAMPLES / "alice.toml"), catalog)
    reviews = [read_review(str(p), catalog) for p in REVIEWS]
    plain = build_report(alice, catalog, year)
    reviewed = build_report(alice, catalog, year, reviews)

    from rich.console import Group

    terminal_svg(Group(*terminal.summary(plain, catalog, "en")), "pmpath assess", DOCS / "summary.svg", 84)
    terminal_svg(
        Group(*terminal.reviews_block(reviewed.reviews, catalog, "en")),  # type: ignore[arg-type]
        "pmpath assess --review ...",
        DOCS / "reviews.svg",
        90,
    )

    browser = shutil.which("chromium") or shutil.which("google-chrome")
    if browser is None:
        sys.exit("chromium is needed for the HTML picture (apt-get install chromium)")
    today = datetime.date.today().isoformat()
    shots = [
        (html.report(reviewed, catalog, "en", generated=today), "html-report.png", "1100,1500"),
        (html.report(plain, catalog, "zh", generated=today), "html-report-zh-phone.png", "390,1400"),
    ]
    for text, name, size in shots:
        shoot(browser, text, DOCS / name, size)


def shoot(browser: str, text: str, target: Path, size: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(text, encoding="utf-8")
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={tmp}/profile",
                "--hide-scrollbars",
                f"--window-size={size}",
                f"--screenshot={target}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
        )
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
