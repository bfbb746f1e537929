"""The questionnaire as data, built from the catalogue: what to ask, how to check and store it.

Only pmpath.prompts turns these into questionary prompts, so the questions can be tested, listed
and answered from a file without a terminal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pmpath.i18n import T
from pmpath.ids import BUSINESS_IDS, DEFAULT_BUSINESS, DEGREE_ORDER
from pmpath.models import Catalog
from pmpath.rules import NAME_MAX

Kind = Literal["text", "number", "integer", "checkbox", "select"]

MAX_YEARS = 70
MAX_NETWORK = 10_000_000


@dataclass(frozen=True)
class Choice:
    title: str
    value: Any


@dataclass(frozen=True)
class Question:
    key: str
    """Where the answer goes in the answers file: `profile.<field>` or `ratings.<skill id>`."""
    kind: Kind
    message: str
    section: str
    instruction: str = ""
    choices: tuple[Choice, ...] = field(default=())
    default: str = ""
    label: str = ""
    """A short name for the one-line echo after the answer and for the review list."""
    header: str = ""
    """Shown above the choices while the question is asked, gone once it is answered."""
    required: str = ""
    """For a text question that cannot be left empty: the message shown when it is."""

    @property
    def table(self) -> str:
        return self.key.partition(".")[0]

    @property
    def name(self) -> str:
        return self.key.partition(".")[2]


def text(lang: str, key: str, **kw: Any) -> str:
    """The questionnaire's words live with the rest of the interface's (pmpath.i18n)."""
    return T(f"q_{key}", lang=lang, **kw)


def degree_name(degree: str, lang: str = "en") -> str:
    return T(f"degree_{degree}", lang=lang)


def build_questions(catalog: Catalog, lang: str = "en") -> tuple[Question, ...]:
    """Profile first, then one question per skill, grouped in the catalogue's group order."""
    profile = text(lang, "profile")
    years, network = text(lang, "label_years"), text(lang, "label_network")
    questions = [
        Question("profile.name", "text", text(lang, "name"), profile, label=text(lang, "label_name")),
        Question("profile.years_experience", "number", text(lang, "years"), profile, label=years),
        Question(
            "profile.years_managing",
            "number",
            text(lang, "managing"),
            profile,
            default="0",
            label=text(lang, "label_managing"),
        ),
        Question(
            "profile.degrees",
            "checkbox",
            text(lang, "degrees"),
            profile,
            instruction=text(lang, "degrees_help"),
            choices=tuple(Choice(degree_name(d, lang), d) for d in DEGREE_ORDER),
            label=text(lang, "label_degrees"),
        ),
        Question("profile.network_size", "integer", text(lang, "network"), profile, label=network),
        business_question(lang),
    ]
    ordered = [s for g in catalog.groups for s in catalog.skills if s.group == g.id]
    for n, skill in enumerate(ordered, 1):
        group = catalog.group(skill.group).name.get(lang)
        questions.append(
            Question(
                f"ratings.{skill.id}",
                "select",
                text(lang, "skill", n=n, total=len(ordered), name=skill.name.get(lang)),
                group,
                instruction=text(lang, "skill_help"),
                choices=tuple(Choice(anchor, r) for r, anchor in enumerate(skill.anchors.get(lang), 1)),
                label=skill.name.get(lang),
                header=text(lang, "skill_header", n=n, total=len(ordered), group=group),
            )
        )
    return tuple(questions)


def business_question(lang: str = "en") -> Question:
    """`profile.business` (issue 38): the business model that chooses each step's KPIs. The one
    definition the terminal questionnaire and the browser form both ask from (the form shows it
    as a choice preset to its default).
    Optional: its last choice, "other, or not sure" (general KPIs), is where Enter alone lands."""
    return Question(
        "profile.business",
        "select",
        text(lang, "business"),
        text(lang, "profile"),
        instruction=text(lang, "business_help", n=len(BUSINESS_IDS)),
        choices=tuple(Choice(text(lang, f"biz_{b}"), b) for b in BUSINESS_IDS),
        default=DEFAULT_BUSINESS,
        label=text(lang, "label_business"),
        header=text(lang, "business_header"),
    )


IDENTITY_KEYS = ("profile.id", "profile.team", "profile.manager")


def build_identity(lang: str = "en") -> tuple[Question, ...]:
    """A programme's optional fields (issue 39): asked by the page a programme sends out, never
    by the terminal questionnaire, whose flow stays as it was."""
    section = text(lang, "profile")
    fields = (key.partition(".")[2] for key in IDENTITY_KEYS)
    return tuple(
        Question(f"profile.{f}", "text", text(lang, f), section, label=text(lang, f"label_{f}"))
        for f in fields
    )


CANT_JUDGE = 0
"""The rater's "can't judge" choice: the skill is left out of the review file."""


def build_review_meta(lang: str = "en") -> tuple[Question, ...]:
    """Who reviews whom: asked first, so the skill questions can name the person."""
    section = text(lang, "rv_section")
    roles = tuple(Choice(text(lang, f"rv_role_{r}"), r) for r in ("manager", "peer", "report", "other"))
    return (
        Question(
            "review.role",
            "select",
            text(lang, "rv_role"),
            section,
            choices=roles,
            label=text(lang, "label_role"),
        ),
        Question(
            "review.about",
            "text",
            text(lang, "rv_about"),
            section,
            label=text(lang, "label_about"),
            required=text(lang, "rv_name_needed"),
        ),
        Question("review.by", "text", text(lang, "rv_by"), section, label=text(lang, "label_by")),
    )


def build_review_skills(catalog: Catalog, name: str, lang: str = "en") -> tuple[Question, ...]:
    """Each skill phrased about the person reviewed, with "can't judge" as a sixth choice."""
    ordered = [s for g in catalog.groups for s in catalog.skills if s.group == g.id]
    out = []
    for n, skill in enumerate(ordered, 1):
        group = catalog.group(skill.group).name.get(lang)
        choices = tuple(Choice(anchor, r) for r, anchor in enumerate(skill.anchors.get(lang), 1))
        out.append(
            Question(
                f"ratings.{skill.id}",
                "select",
                text(lang, "skill", n=n, total=len(ordered), name=skill.name.get(lang)),
                group,
                instruction=T("q_skill_help", lang=lang).replace("1-5", "0-5"),
                choices=(*choices, Choice(text(lang, "rv_cant"), CANT_JUDGE)),
                label=skill.name.get(lang),
                header=text(lang, "rv_skill_header", n=n, total=len(ordered), group=group, name=name),
            )
        )
    return tuple(out)


def review_data(values: dict[str, Any]) -> dict[str, Any]:
    """Flat answers of a rater into the review-file shape; "can't judge" leaves the skill out."""
    meta = {k.partition(".")[2]: v for k, v in values.items() if k.startswith("review.")}
    if not meta.get("by"):
        meta.pop("by", None)
    ratings = {
        k.partition(".")[2]: v for k, v in values.items() if k.startswith("ratings.") and v != CANT_JUDGE
    }
    return {"review": meta, "ratings": ratings}


def check_text(question: Question, raw: str, lang: str = "en") -> str | None:
    """Why a typed answer is not acceptable, or None when it is; shown under the prompt. The
    rule is pmpath.rules', which the form's page applies too: the two doors take the same."""
    from pmpath import rules

    if question.kind == "text":
        if question.required and not rules.trimmed(str(raw)):
            return question.required
        return T("f_err_long", lang=lang) if rules.name_problem(str(raw)) else None
    if question.kind not in ("number", "integer"):
        return None
    limit = MAX_NETWORK if question.kind == "integer" else MAX_YEARS
    if rules.number(raw, limit, question.kind == "integer") is None:
        return text(lang, question.kind, max=f"{limit:,}")
    return None


def convert(question: Question, raw: Any) -> Any:
    """The typed value as it goes into the answers file."""
    from pmpath import rules

    if question.kind in ("number", "integer"):
        whole = question.kind == "integer"
        number = rules.number(raw, MAX_NETWORK if whole else MAX_YEARS, whole)
        if number is None:
            raise ValueError(f"not a number: {raw!r}")
        return int(number) if float(number).is_integer() else number
    if question.kind == "checkbox":
        return list(raw)
    if question.kind == "text":
        return rules.trimmed(str(raw))
    return raw


def to_data(values: dict[str, Any]) -> dict[str, Any]:
    """Flat `table.field` answers into the nested answers-file shape (used for partial saves too)."""
    data: dict[str, Any] = {"profile": {}, "ratings": {}}
    for key, value in values.items():
        table, _, name = key.partition(".")
        if table == "profile" and name == "name" and not value:
            continue
        data.setdefault(table, {})[name] = value
    return data


def valid_value(question: Question, value: Any) -> bool:
    """Whether a stored answer (from a resume file someone may have edited) can be kept as is."""
    kind = question.kind
    if kind == "text":
        return isinstance(value, str) and len(value) <= MAX_NAME
    if kind in ("number", "integer"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        if kind == "integer" and not isinstance(value, int):
            return False
        limit = MAX_NETWORK if kind == "integer" else MAX_YEARS
        return value == value and 0 <= value <= limit  # NaN is never equal to itself
    allowed = {c.value for c in question.choices}
    if kind == "checkbox":
        return isinstance(value, list) and all(isinstance(v, str) and v in allowed for v in value)
    return not isinstance(value, bool) and value in allowed


MAX_NAME = NAME_MAX


def from_data(data: dict[str, Any], questions: tuple[Question, ...]) -> tuple[dict[str, Any], list[str]]:
    """Answers already given (a resume file) as flat values, and the keys whose stored value
    is not valid: those are asked again, the good ones kept."""
    values: dict[str, Any] = {}
    rejected: list[str] = []
    for q in questions:
        table = data.get(q.table)
        if isinstance(table, dict) and q.name in table:
            if valid_value(q, table[q.name]):
                values[q.key] = table[q.name]
            else:
                rejected.append(q.key)
    profile = data.get("profile")
    unnamed = "profile.name" not in values and "profile.name" not in rejected
    if values and isinstance(profile, dict) and unnamed:
        values["profile.name"] = ""
    return values, rejected
