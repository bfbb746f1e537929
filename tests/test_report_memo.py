"""A cohort writing a report per person keeps what reports share (pmpath.render.html.memo, the
catalogue's memo, the charts' caches): a report must be byte for byte what it is when nothing
was kept, whichever reports came before it (issue 39, item 8)."""

from __future__ import annotations

import random

import pytest
from test_core import LADDERS, YEAR, _persona

from pmpath.catalog import companies_for, load_ladder
from pmpath.render import OutputFormat, report_renderer
from pmpath.report import build_report


def _forget(catalog) -> None:
    from pmpath.render import charts, html

    html._PARTS.clear()
    html._COURSE_ITEMS.clear()
    html._code_spans.cache_clear()
    html.step_labels.cache_clear()
    charts._frame.cache_clear()
    charts._spot.cache_clear()
    catalog.memo.clear()


@pytest.mark.parametrize("name", list(LADDERS))
def test_a_report_is_the_same_whatever_was_rendered_before(name):
    catalog = load_ladder(LADDERS[name])
    render = report_renderer(OutputFormat("html"))
    rng = random.Random(f"memo {name}")
    people = [_persona(rng, catalog, n) for n in range(24)]

    def page(answers, reviews, lang: str) -> str:
        rep = build_report(answers, catalog, YEAR, reviews, companies_for(catalog))
        return str(render(rep, catalog, lang=lang, generated="2026-12-07"))

    warm = [page(a, r, lang) for a, r in people for lang in ("en", "zh")]
    cold = []
    for a, r in people:
        for lang in ("en", "zh"):
            _forget(catalog)
            cold.append(page(a, r, lang))
    assert warm == cold
    again = [page(a, r, lang) for a, r in reversed(people) for lang in ("zh", "en")]
    assert again == list(reversed(warm))
