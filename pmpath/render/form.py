"""`pmpath form`: one self-contained page that asks what the terminal questionnaire asks (or what
`pmpath review` asks a rater) and produces the same answers or review file, for the people who
never open a terminal: a programme's participants, a PM's manager and peers.

The questions are the questionnaire's own (pmpath.questionnaire), so the page and the terminal
cannot drift apart; the page only arranges them. Nothing is fetched and nothing is sent: a small
inline script checks the answers as pmpath does and writes the file in the browser.
"""

from __future__ import annotations

from typing import Any

from pmpath.i18n import T
from pmpath.models import Catalog, PersonText, limits
from pmpath.questionnaire import (
    CANT_JUDGE,
    MAX_NETWORK,
    MAX_YEARS,
    Question,
    build_identity,
    build_questions,
    build_review_meta,
    build_review_skills,
)
from pmpath.rules import page_rules

ANSWERS_HEADER = "# pmpath answers file: re-run with `pmpath assess --answers <this file>`.\n\n"
REVIEW_HEADER = (
    "# pmpath review file: add it with `pmpath assess --answers THEIR-FILE --review <this file>`.\n\n"
)


def _label(message: str) -> str:
    """A prompt as a form label: the terminal's trailing colon goes."""
    return message.rstrip().rstrip(":：")


def _field(q: Question) -> dict[str, Any]:
    """A question as the page lays it out; a select with a default (`profile.business`, which is
    optional) is a choice already made, which the person may change."""
    return {
        "key": q.key,
        "id": q.key.replace(".", "-"),
        "kind": "choice" if q.kind == "select" and q.default else q.kind,
        "label": _label(q.message),
        "section": q.section,
        "header": q.header,
        "default": q.default,
        "choices": [{"title": c.title, "value": c.value} for c in q.choices],
    }


def page(catalog: Catalog, lang: str, about: str | None = None, identity: bool = False) -> str:
    """The page; with `identity` (a programme's `form --ids`) it also asks for the optional
    id, team and manager, after the name."""
    from pmpath.render.html import environment, page_base

    if about is None:
        asked = build_questions(catalog, lang)
        questions = (asked[0], *build_identity(lang), *asked[1:]) if identity else asked
        title = T("f_title_self", lang=lang)
    else:
        meta = [q for q in build_review_meta(lang) if q.key != "review.about"]
        questions = (*meta, *build_review_skills(catalog, about, lang))
        title = T("f_title_review", lang=lang, name=about)
    fields = [_field(q) for q in questions]
    profile = [f for f in fields if not f["key"].startswith("ratings.")]
    skills = [f for f in fields if f["key"].startswith("ratings.")]
    script_data = {
        "kind": "review" if about is not None else "answers",
        "about": about,
        "header": REVIEW_HEADER if about is not None else ANSWERS_HEADER,
        "filename": "review.toml" if about is not None else "pmpath-answers.toml",
        "skills": [f["key"].partition(".")[2] for f in skills],
        "order": list(catalog.skill_ids),  # the file's order: the ladder's, as the questionnaire saves
        "skillNames": {
            f["key"].partition(".")[2]: catalog.skill(f["key"].partition(".")[2]).name.get(lang)
            for f in skills
        },
        "cantJudge": CANT_JUDGE,
        "maxYears": MAX_YEARS,
        "maxNetwork": MAX_NETWORK,
        "textMax": limits(PersonText)["max_length"],
        "rules": page_rules(),  # pmpath.rules as data: the page applies the terminal's rule
        "locale": "zh-CN" if lang == "zh" else "en-GB",
        "say": {
            **{
                key: T(f"f_{key}", lang=lang)
                for key in (
                    "err_long",
                    "err_role",
                    "err_none_rated",
                    "copied",
                    "copy_failed",
                    "start_over_confirm",
                )
            },
            # filled in by the page's script
            "err_heading": T("f_err_heading", lang=lang, n="{n}"),
            "err_rating": T("f_err_rating", lang=lang, skill="{skill}"),
            "restored": T("f_restored", lang=lang, time="{time}"),
            # the terminal questionnaire's own words for a bad number
            "err_number": T("q_number", lang=lang, max=f"{MAX_YEARS:,}"),
            "err_integer": T("q_integer", lang=lang, max=f"{MAX_NETWORK:,}"),
        },
    }
    data: dict[str, Any] = {
        **page_base(lang, title),
        "about": about,
        "profile": profile,
        "skills": skills,
        "script_data": script_data,
        "f": lambda key, **kw: T(f"f_{key}", lang=lang, **kw),
    }
    return environment().get_template("form.html.j2").render(data)
