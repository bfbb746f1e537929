"""An answers file to fill in by hand: every field explained, every skill with its anchors."""

from __future__ import annotations

from pmpath.ids import DEGREE_IDS
from pmpath.models import Catalog


def _comment(text: str) -> str:
    return "# " + " ".join(text.split())


def answers_template(catalog: Catalog, lang: str = "en") -> str:
    """The placeholders are invalid on purpose (-1, 0): a field left unfilled fails loudly,
    naming itself and its line, instead of quietly placing someone as a beginner."""
    out = [
        "# pmpath answers file. Fill in every value, then run:",
        "#   pmpath assess --answers this-file.toml",
        "# Placeholders (-1 and 0) are not valid answers, so nothing can be skipped by accident.",
        "",
        "[profile]",
        "# Your name, shown on the report (optional; delete the line to stay anonymous).",
        'name = ""',
        "# Years in product roles (PM, APM, product owner...); decimals are fine, e.g. 2.5.",
        "years_experience = -1",
        "# Years managing people (direct reports); 0 if none.",
        "years_managing = -1",
        f'# Degrees you hold, any of: {", ".join(DEGREE_IDS)}. Example: ["bachelor", "mba"]',
        "degrees = []",
        "# Professional connections, e.g. your LinkedIn connection count.",
        "network_size = -1",
        "",
        "[ratings]",
        "# For each skill pick the statement (1-5) most like what you typically do today,",
        "# not what you could do on your best day. `pmpath skills` shows the same texts.",
    ]
    for group in catalog.groups:
        out += ["", _comment(f"--- {group.name.get(lang)} ---")]
        for skill in (s for s in catalog.skills if s.group == group.id):
            out += ["", _comment(f"{skill.name.get(lang)}: {skill.summary.get(lang)}")]
            out += [_comment(f"  {r}. {anchor}") for r, anchor in enumerate(skill.anchors.get(lang), 1)]
            out.append(f"{skill.id} = 0")
    return "\n".join(out) + "\n"
