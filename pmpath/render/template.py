"""An answers file to fill in by hand: every field explained, every skill with its anchors."""

from __future__ import annotations

from pmpath.i18n import T
from pmpath.ids import BUSINESS_IDS, DEGREE_IDS
from pmpath.models import Catalog
from pmpath.typeset import marks


def _comment(text: str) -> str:
    return "# " + " ".join(text.split())


def answers_template(catalog: Catalog, lang: str = "en") -> str:
    """The placeholders are invalid on purpose (-1, 0): a field left unfilled fails loudly,
    naming itself and its line, instead of quietly placing someone as a beginner."""

    def c(key: str, **kw: str) -> str:
        return "# " + T(f"tpl_{key}", lang=lang, **kw)

    out = [
        c("head"),
        "#   pmpath assess --answers this-file.toml",
        c("placeholders"),
        "",
        "[profile]",
        c("name"),
        'name = ""',
        c("years"),
        "years_experience = -1",
        c("managing"),
        "years_managing = -1",
        c("degrees", ids=", ".join(DEGREE_IDS)),
        "degrees = []",
        c("network"),
        "network_size = -1",
        c("business", ids=", ".join(BUSINESS_IDS)),
        'business = "other"',
        c("identity"),
        '# id = ""',
        '# team = ""',
        '# manager = ""',
        "",
        "[ratings]",
        c("ratings"),
        c("ratings2"),
    ]
    for group in catalog.groups:
        out += ["", _comment(f"--- {group.name.get(lang)} ---")]
        for skill in (s for s in catalog.skills if s.group == group.id):
            colon = marks(lang).colon
            out += ["", _comment(f"{skill.name.get(lang)}{colon}{skill.summary.get(lang)}")]
            out += [_comment(f"  {r}. {anchor}") for r, anchor in enumerate(skill.anchors.get(lang), 1)]
            out.append(f"{skill.id} = 0")
    return "\n".join(out) + "\n"


def answers_template_json(catalog: Catalog) -> str:
    """JSON has no comments: the same invalid placeholders, so nothing passes unfilled;
    `pmpath skills` describes the ratings."""
    import json

    data = {
        "profile": {
            "name": "",
            "years_experience": -1,
            "years_managing": -1,
            "degrees": [],
            "network_size": -1,
        },
        "ratings": {s.id: 0 for s in catalog.skills},
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def review_template(catalog: Catalog, lang: str = "en") -> str:
    """A rater's file: every skill listed with a failing 0, to be rated or deleted."""

    def c(key: str, **kw: str) -> str:
        return "# " + T(f"tpl_{key}", lang=lang, **kw)

    out = [
        c("review_head"),
        "#   pmpath assess --answers their-answers.toml --review this-file.toml",
        "",
        "[review]",
        c("review_about"),
        'about = ""',
        c("review_about_id"),
        '# about_id = ""',
        c("review_role"),
        'role = "peer"',
        c("review_by"),
        'by = ""',
        "",
        "[ratings]",
        c("review_ratings"),
        c("review_ratings2"),
    ]
    colon = marks(lang).colon
    for group in catalog.groups:
        out += ["", _comment(f"--- {group.name.get(lang)} ---")]
        for skill in (s for s in catalog.skills if s.group == group.id):
            out += ["", _comment(f"{skill.name.get(lang)}{colon}{skill.summary.get(lang)}")]
            out += [_comment(f"  {r}. {anchor}") for r, anchor in enumerate(skill.anchors.get(lang), 1)]
            out.append(f"{skill.id} = 0")
    return "\n".join(out) + "\n"


def review_template_json(catalog: Catalog) -> str:
    import json

    data = {"review": {"about": "", "role": "peer", "by": ""}, "ratings": {s.id: 0 for s in catalog.skills}}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
