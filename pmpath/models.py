"""The nouns of pmpath: catalogue, answers, assessment and roadmap, validated once at the edge.

Plain frozen dataclasses, so the core never imports pydantic. The constraints ride along as
`Check` markers in `Annotated`; pydantic reads them when the edge validates a file (`validate`,
a TypeAdapter per class), and only then is it imported.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Annotated, Any, ClassVar, Generic, Literal, NamedTuple, TypeVar

from pmpath.ids import BusinessId, DegreeId


class Check:
    """A constraint pydantic applies when it validates: Field keywords, or string constraints."""

    def __init__(self, **kw: Any) -> None:
        self.kw = kw

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic import Field, StringConstraints

        if source is str:
            return handler(Annotated[source, StringConstraints(**self.kw)])
        return handler(Annotated[source, Field(**self.kw)])

    def __repr__(self) -> str:
        return f"Check({self.kw})"


def limits(annotated: Any) -> dict[str, Any]:
    """The constraints pydantic reads from a type's `Check` markers, for the plain validators
    of a cohort's hot loop (pmpath.answers) to read the same numbers: a limit is written once."""
    out: dict[str, Any] = {}
    for marker in getattr(annotated, "__metadata__", ()):
        if isinstance(marker, Check):
            out |= marker.kw
    return out


def field_limits(model: type, name: str) -> dict[str, Any]:
    """`limits` of one field of a model, as declared on the field."""
    return limits(typing.get_type_hints(model, include_extras=True)[name])


class Shown:
    """A ladder text someone else wrote, made fit to show anywhere: whitespace runs (a newline
    of a multi-line TOML string included) become one space, and a control character, bidi
    control or zero-width mark is refused with the file, field and line.

    Once a text is one printable line, no destination can be driven by it: a newline cannot
    start a `::error` line in a CI log or a heading in Markdown, and an ESC cannot reach a
    terminal. Markdown and Mermaid still escape their own syntax where they write it.
    """

    def __init__(self, *, required: bool) -> None:
        self.required = required

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        check = shown_text if not self.required else required_text
        return core_schema.no_info_after_validator_function(check, handler(source))


def shown_text(value: str) -> str:
    """The ladder text as one line; a hidden character (pmpath.text's one list of them) is an
    error naming it by code point. Tabs, newlines and the line separators are folded."""
    from pmpath.text import hidden_char

    found = hidden_char(value)
    if found is not None:
        from pydantic_core import PydanticCustomError

        code = ord(found)
        raise PydanticCustomError(
            "hidden_character",
            "contains U+{code}, a control or invisible character pmpath never shows; remove it",
            {"code": f"{code:04X}"},
        )
    return " ".join(value.split())


def required_text(value: str) -> str:
    """As `shown_text`, and not blank: a name or summary of only spaces shows nothing."""
    flat = shown_text(value)
    if not flat:
        from pydantic_core import PydanticCustomError

        raise PydanticCustomError("blank_text", "is blank: write the text, or leave the field out")
    return flat


M = TypeVar("M", bound="Model")


class Model:
    """Every pmpath model: a frozen dataclass, strict about unknown keys when pydantic validates
    it at the edge (`validate`). Nothing here imitates pydantic: dumping is `dump`, copying is
    `dataclasses.replace`, and pydantic is imported only by the functions that validate."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}
    __aliases__: ClassVar[dict[str, str]] = {}
    """Field name -> name in dumps (`from_` is `from` in JSON)."""


def validate(cls: type[M], data: Any) -> M:
    """`cls` from untrusted data, checked by pydantic (raises its ValidationError)."""
    return typing.cast(M, adapter(cls).validate_python(data))


def validate_json(cls: type[M], text: str | bytes) -> M:
    return typing.cast(M, adapter(cls).validate_json(text))


def json_schema(cls: type) -> dict[str, Any]:
    """pydantic's schema, with the JSON's own names (`for`, `from`) where a field has one:
    `__aliases__` is ours, so pydantic does not know it."""
    schema = typing.cast(dict[str, Any], adapter(cls).json_schema(by_alias=True))
    _aliased(schema, cls)
    for name, part in schema.get("$defs", {}).items():
        kind = _model_named(name)
        if kind is not None:
            _aliased(part, kind)
    return schema


def dump(value: Model, *, by_alias: bool = False) -> dict[str, Any]:
    """JSON-ready data (tuples as lists) in field order; field names unless `by_alias`."""
    return typing.cast(dict[str, Any], to_data(value, by_alias))


def dump_json(value: Model, indent: int | None = None) -> str:
    """The model as JSON with its JSON names: compact without an indent, UTF-8 kept."""
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(_aliased_data(value), indent=indent, ensure_ascii=False, separators=separators)


def _aliased_data(value: Model) -> Any:
    """`to_data(value)`, worked out once per model: an assessment writes its report twice (the
    output and the history's copy), and a model is frozen, so the same object is the same data."""
    if _LAST[0] is not value:
        _LAST[:] = [value, to_data(value, True)]
    return _LAST[1]


_LAST: list[Any] = [None, None]
"""The last model `dump_json` was given, and its data (held so that its id is not reused)."""


def adapter(cls: type) -> Any:
    """pydantic's validator for a model, built once per class (its schema costs milliseconds)."""
    found = _ADAPTERS.get(cls)
    if found is None:
        from pydantic import TypeAdapter

        found = _ADAPTERS[cls] = TypeAdapter(cls)
    return found


_ADAPTERS: dict[type, Any] = {}


def _aliased(schema: dict[str, Any], cls: Any) -> None:
    names = getattr(cls, "__aliases__", {})
    if names and "properties" in schema:
        schema["properties"] = {names.get(k, k): v for k, v in schema["properties"].items()}
        schema["required"] = [names.get(k, k) for k in schema.get("required", ())]


def _model_named(name: str) -> Any:
    """The model class a schema's `$defs` entry is named after (pydantic names them so)."""
    todo: list[Any] = [Model]
    while todo:
        kind = todo.pop()
        if kind.__name__ == name:
            return kind
        todo += kind.__subclasses__()
    return None


class Lenient(NamedTuple, Generic[M]):
    """A model read from data a newer pmpath may have written, and whether it was all known."""

    model: M
    known_all: bool


_EXTRA = frozenset(("extra_forbidden", "unexpected_keyword_argument"))


def plainly_whole(cls: type, data: Any) -> bool:
    """`data` has every required field of `cls`, no field it does not know, and values of the
    expected shapes all the way down. pmpath's own stored reports are, so reading one for a
    check-in needs no pydantic (start-up stays fast); anything else goes to `lenient`."""
    if not isinstance(data, dict):
        return False
    fields = {
        alias: (f, hint)
        for (name, alias), (_, hint), f in zip(_names(cls), _hints(cls), dataclasses.fields(cls), strict=True)
    }
    if not set(data) <= set(fields):
        return False
    for alias, (f, hint) in fields.items():
        if alias not in data:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                return False
        elif not _shaped(hint, data[alias]):
            return False
    return True


def _shaped(hint: Any, value: Any) -> bool:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_shaped(a, value) for a in typing.get_args(hint))
    if origin is Literal:
        return value in typing.get_args(hint)
    if isinstance(hint, type) and issubclass(hint, Model):
        return plainly_whole(hint, value)
    if origin is tuple:
        return isinstance(value, list) and all(_shaped(typing.get_args(hint)[0], v) for v in value)
    if origin is dict:
        inner = typing.get_args(hint)[1]
        return isinstance(value, dict) and all(
            isinstance(k, str) and _shaped(inner, v) for k, v in value.items()
        )
    if hint is type(None):
        return value is None
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint in (str, bool):
        return isinstance(value, hint)
    return False  # a shape this check does not know: pydantic decides


def lenient(cls: type[M], data: Any) -> Lenient[M]:
    """`cls` from `data`, leaving out the fields this pmpath does not know (CONTRACTS.md lets
    a later version add fields to what it stores); anything else wrong is still an error
    (pydantic's ValidationError, a ValueError). Strict models stay strict for people's files:
    this is for pmpath's own records only."""
    from pydantic import ValidationError

    known_all = True
    for _ in range(_MAX_PASSES):
        try:
            return Lenient(validate(cls, data), known_all)
        except ValidationError as exc:
            problems = exc.errors()
            if any(p["type"] not in _EXTRA for p in problems):
                raise
            for problem in problems:
                _drop(data, problem["loc"])
            known_all = False
    raise ValueError("too many unknown fields")


_MAX_PASSES = 8
"""Unknown fields are all reported in one pass; nested ones may show in the next."""


def _drop(data: Any, loc: tuple[Any, ...]) -> None:
    """Remove the value at `loc` (keys and list indexes, as pydantic reports them)."""
    *path, last = loc
    for step in path:
        data = data[step]
    if not isinstance(data, dict) or last not in data:
        raise ValueError(f"no field at {loc!r}")
    del data[last]


@cache
def _names(cls: Any) -> tuple[tuple[str, str], ...]:
    aliases = getattr(cls, "__aliases__", {})
    return tuple((f.name, aliases.get(f.name, f.name)) for f in dataclasses.fields(cls))


def to_data(value: Any, by_alias: bool = True) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            (alias if by_alias else name): to_data(getattr(value, name), by_alias)
            for name, alias in _names(type(value))
        }
    if isinstance(value, tuple | list):
        return [to_data(v, by_alias) for v in value]
    if isinstance(value, dict):
        return {k: to_data(v, by_alias) for k, v in value.items()}
    return value


@cache
def _hints(cls: Any) -> tuple[tuple[str, Any], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


def from_data(cls: type[M], data: Any) -> M:
    """A model from data pmpath wrote and checked itself (the catalogue cache), without
    validating it again: types follow the annotations, ints become floats where a float is due."""
    values = {name: _build(hint, data[name]) for name, hint in _hints(typing.cast(Any, cls)) if name in data}
    return cls(**values)


def _build(hint: Any, value: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        hint = next(a for a in typing.get_args(hint) if a is not type(None))
        origin = typing.get_origin(hint)
    if isinstance(hint, type) and issubclass(hint, Model):
        return from_data(hint, value)
    if origin is tuple:
        inner = typing.get_args(hint)[0]
        return tuple(_build(inner, v) for v in value)
    if origin is dict:
        inner = typing.get_args(hint)[1]
        return {k: _build(inner, v) for k, v in value.items()}
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


Rating = Annotated[int, Check(ge=1, le=5, strict=True)]
SnakeId = Annotated[str, Check(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
Years = Annotated[float, Check(ge=0, le=70, allow_inf_nan=False, strict=True)]
Text = Annotated[str, Check(min_length=1, max_length=2000), Shown(required=True)]
Line = Annotated[str, Check(max_length=2000), Shown(required=False)]
"""An optional ladder text (may be empty): one printable line, as `Text`."""


class MonthCheck:
    """A calendar month written `YYYY-MM` (`2026-12`): refused with pmpath's own message, not
    pydantic's regular expression, so a ladder's author reads what to write in either language."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(month_text, handler(source))

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> Any:
        return {**handler(schema), "pattern": MONTH_PATTERN, "examples": ["2026-12"]}


MONTH_PATTERN = r"^(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])$"


def month_text(value: str) -> str:
    """`YYYY-MM` with a real month (01 to 12) in the years pmpath dates anything in."""
    import re

    if re.fullmatch(MONTH_PATTERN, value) is None:
        from pydantic_core import PydanticCustomError

        raise PydanticCustomError("bad_month", "is not a month: write YYYY-MM, for example 2026-12")
    return value


Month = Annotated[str, MonthCheck()]


# ------------------------------------------------------------------ catalogue


@dataclass(frozen=True, kw_only=True)
class Localized(Model):
    """One text in both languages the product ships: English and Chinese (the sources' language).

    The bundled ladder must have both (the loader checks); a company's own ladder may be written
    in English only, and then shows English in a Chinese session rather than nothing.
    """

    en: Text
    zh: Text | None = None

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" and self.zh is not None else self.en


class OneOrBoth:
    """A text a company ladder may write once (`"2 days"`, its language) and pmpath's own ladder
    writes in both (`{ en = "2 days", zh = "2 天" }`): either becomes a `Localized`; "" is none."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(_one_or_both, handler(source))

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> Any:
        """The schema says what a ladder's author may write: one text, or `{en, zh}`."""
        shown = handler(schema)
        return {"anyOf": [{"type": "string", "maxLength": 2000}, *shown.get("anyOf", [shown])]}


def _one_or_both(value: object) -> object:
    if isinstance(value, str):
        return {"en": value} if value.strip() else None
    return value


CourseText = Annotated["Localized | None", OneOrBoth()]


class SharedTrack:
    """The data and the JSON report name the trunk `"shared"` (CONTRACTS, round four); inside,
    a level on the trunk has no track, so the paths need no special case."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(_no_shared, handler(source))


class TracksByName:
    """Reports stored before round four listed the track places; they read as the mapping."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(_tracks_by_name, handler(source))


def _tracks_by_name(value: object) -> object:
    if isinstance(value, list | tuple):
        return {p["track"]: p for p in value if isinstance(p, dict) and isinstance(p.get("track"), str)}
    return value


def _no_shared(value: object) -> object:
    from pmpath.ids import SHARED_TRACK

    return None if value == SHARED_TRACK else value


_NO_DEGREE_NOTE = Localized(en="This ladder gives no degree advice.", zh="这个职级体系没有学位建议。")


@dataclass(frozen=True, kw_only=True)
class LocalizedList(Model):
    en: tuple[Text, ...] = ()
    zh: tuple[Text, ...] | None = None

    def get(self, lang: str) -> tuple[str, ...]:
        return self.zh if lang == "zh" and self.zh is not None else self.en


_DEFAULT_SOURCE = "pmpath default: the bundled ladder's value (README: How pmpath places you)"


_NO_ITEMS = LocalizedList()
_NO_NOTES = LocalizedList(en=(), zh=())
"""No notes, in both languages (the bundled ladder is complete in Chinese: pmpath.ladder_rules)."""


@dataclass(frozen=True, kw_only=True)
class KpiVariant(Model):
    """A level's KPIs for one business model: a consumer app does not sell renewals, a SaaS
    director does not count the teams that integrate a platform (issue 38)."""

    en: tuple[Text, ...]
    zh: tuple[Text, ...] | None = None
    source: Text

    def as_list(self) -> LocalizedList:
        return LocalizedList(en=self.en, zh=self.zh)


@dataclass(frozen=True, kw_only=True)
class Placement(Model):
    """The few knobs of the placement method; data, so the README and the code cannot disagree.

    Each pace knob comes in two speeds: the earliest plausible (someone who does everything
    right and gets the chance) and the typical one (public career bands), each with its source.
    """

    tolerance_skills: Annotated[int, Check(ge=0, le=3)] = 1
    tolerance_points: Annotated[int, Check(ge=0, le=1)] = 1
    tolerance_source: Text = _DEFAULT_SOURCE
    years_per_skill_point: Annotated[float, Check(gt=0, le=5, allow_inf_nan=False)] = 1.0
    years_per_skill_point_source: Text = _DEFAULT_SOURCE
    typical_years_per_skill_point: Annotated[float, Check(gt=0, le=5, allow_inf_nan=False)] = 1.5
    typical_years_per_skill_point_source: Text = _DEFAULT_SOURCE
    years_per_promotion: Annotated[float, Check(ge=0, le=5, allow_inf_nan=False)] = 1.5
    years_per_promotion_source: Text = _DEFAULT_SOURCE
    source: Text = _DEFAULT_SOURCE


_DEFAULT_PLACEMENT = Placement()


@dataclass(frozen=True, kw_only=True)
class Tracks(Model):
    """Where the individual-contributor track ends and people management becomes the road up.

    Two shapes: a single ladder whose IC part ends at `ic_top` (the bundled ladder), or levels
    that name a `track` (parallel IC and management tracks, both starting above `join`).
    """

    ic_top: SnakeId | None = None
    join: SnakeId | None = None
    """The last shared level: above it the levels of each named track run side by side."""
    top: SnakeId | None = None
    """The track whose last level is the top of the ladder (its roadmap target)."""
    names: dict[SnakeId, Localized] = field(default_factory=dict)
    switch_note: Localized
    source: Text


@dataclass(frozen=True, kw_only=True)
class PromotionGuide(Model):
    """How promotion works (windows, ratings, nomination, calibration, sponsors): shown at the
    roadmap's next rung, the one a person can act on now."""

    points: LocalizedList
    source: Text


@dataclass(frozen=True, kw_only=True)
class SkillGroup(Model):
    id: SnakeId
    name: Localized


DEFAULT_GROUP = SkillGroup(id="skills", name=Localized(en="Skills", zh="技能"))

ActionKind = Literal["on_the_job", "with_people", "learning"]
ACTION_KINDS: tuple[ActionKind, ...] = ("on_the_job", "with_people", "learning")
"""The 70-20-10 model's three sources of growth, in the order a plan shows them."""


@dataclass(frozen=True, kw_only=True)
class GrowthAction(Model):
    """Something to do that builds a skill from `to - 1` to `to`: what a plan turns into Monday's work."""

    to: Annotated[int, Check(ge=2, le=5, strict=True)]
    kind: ActionKind
    text: Localized
    source: Text
    course: Annotated[str, Check(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)] | None = None
    """A `learning` action may name the course or book in courses.toml it is about: the one
    `text.en` names, so one an English reader can use (CONTRACTS, round four)."""
    course_zh: Annotated[str, Check(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)] | None = None
    """The resource `text.zh` names, where Chinese readers are better served by another one (a
    Chinese book, a course taught in Chinese); unset, `text.zh` is about `course` too."""

    def course_for(self, lang: str) -> str | None:
        """The resource the reader is sent to: each language's text names its own."""
        return self.course_zh if lang == "zh" and self.course_zh is not None else self.course


@dataclass(frozen=True, kw_only=True)
class Skill(Model):
    id: SnakeId
    group: SnakeId = DEFAULT_GROUP.id
    name: Localized
    summary: Localized
    source: Text
    anchors: LocalizedList
    actions: tuple[GrowthAction, ...] = ()
    """Growth actions per step up the scale; a ladder without them still works."""

    def actions_between(self, rating: int, needed: int) -> tuple[GrowthAction, ...]:
        """The actions for each step from `rating` up to `needed`, lowest step first."""
        return tuple(
            sorted(
                (a for a in self.actions if rating < a.to <= needed),
                key=lambda a: (a.to, ACTION_KINDS.index(a.kind)),
            )
        )

    def anchor(self, rating: int, lang: str = "en") -> str:
        return self.anchors.get(lang)[rating - 1]

    def anchors_localized(self, rating: int) -> Localized:
        zh = self.anchors.zh
        return Localized(en=self.anchors.en[rating - 1], zh=zh[rating - 1] if zh is not None else None)


@dataclass(frozen=True, kw_only=True)
class DegreeAdviceData(Model):
    recommended: tuple[DegreeId, ...] = ()
    note: Localized = _NO_DEGREE_NOTE
    source: Text = "-"


_NO_DEGREES = DegreeAdviceData()


@dataclass(frozen=True, kw_only=True)
class NetworkData(Model):
    target: Annotated[int, Check(ge=0, le=1_000_000)] = 0
    actions: LocalizedList = _NO_ITEMS
    source: Text = "-"


_NO_NETWORK = NetworkData()


@dataclass(frozen=True, kw_only=True)
class Level(Model):
    """One rung. The bundled ladder fills every field (the loader checks); a company's ladder
    needs only an id, a name, a summary, its minimums and a source, the rest has defaults."""

    id: SnakeId
    name: Localized
    summary: Localized
    responsibilities: LocalizedList = _NO_ITEMS
    source: Text
    track: Annotated[SnakeId | None, SharedTrack()] = None
    """None on the shared trunk (written `"shared"` in the data); else the parallel track (of
    `tracks.names`) this level is on."""
    min_years_experience: Years = 0.0
    min_years_managing: Years = 0.0
    experience_source: Text = "-"
    skill_minimums: dict[SnakeId, Rating]
    skill_minimums_source: Text = "-"
    defining_skills: tuple[SnakeId, ...] = ()
    """The skills that make this level: the small tolerance never lets one of these through."""
    defining_skills_source: Text = "-"
    typical_years_in_level: Years | None = None
    """How long people typically hold this level before the next promotion (0 at the top);
    unset, the placement's promotion pace is used."""
    typical_years_experience: Years | None = None
    """Years in product at which people typically reach this level; unset, the minimum."""
    typical_years_source: Text = "-"
    degrees: DegreeAdviceData = _NO_DEGREES
    network: NetworkData = _NO_NETWORK
    kpis: LocalizedList = _NO_ITEMS
    kpis_source: Text = "-"
    notes: LocalizedList = _NO_NOTES
    """What a mentor would add about reaching this level that no skill bar says (the CPO step:
    P&L, the board, outside hires); each unverified claim says so in its own text."""
    notes_source: Text = "-"
    kpis_for: dict[Literal["consumer", "b2b_saas", "platform", "marketplace", "hardware"], KpiVariant] = (
        field(default_factory=dict)
    )
    """KPIs chosen for a business model (`profile.business`); `kpis` serve any other."""

    @property
    def track_id(self) -> str:
        """The level's track as the report and listings name it: `shared` on the trunk."""
        return self.track or "shared"


CourseKind = Literal[
    "programme", "certificate", "course", "degree", "book", "community", "newsletter", "method"
]
"""`community`: where PMs learn from each other (a forum, a content site and its school);
`newsletter`: a newsletter or podcast; `method`: a named management method learned from public
writing and in-company training (BLM), not sold as one product."""


@dataclass(frozen=True, kw_only=True)
class Course(Model):
    id: Annotated[str, Check(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
    name: Text
    provider: Text
    kind: CourseKind
    executive: bool = False
    """An executive or C-level programme: offered only from the Director step up."""
    degree: DegreeId | None = None
    lang: Literal["en", "zh"] = "en"
    """The language it is taught or written in: a Chinese run offers those in Chinese first."""
    region: Literal["intl", "cn"] = "intl"
    """Where it runs or is published: international, or mainland China."""
    format: CourseText = None
    duration: CourseText = None
    cost: CourseText = None
    """In the currency the provider publishes, or "free"; dated by `cost_seen` or `checked`."""
    cost_seen: Annotated[int, Check(ge=1900, le=2200)] | None = None
    """The year the figure was seen on a page, where older than `checked` (a price read in 2023
    that no newer page repeats); without it a cost is as of `checked`."""
    cost_note: CourseText = None
    """Why no figure is given ("not published", "varies by seller"): said where a cost would be."""
    checked: Month | None = None
    """When the course's facts were last seen at their source (YYYY-MM); every bundled course has
    one (pmpath.ladder_rules), a company's own catalogue may leave it out."""
    skills: tuple[SnakeId, ...]
    levels: tuple[SnakeId, ...]
    levels_reason: Text
    url: Line = ""
    source: Text
    confidence: Literal["V", "D", "S"]
    """V: the provider's own page; D: derived from an official figure; S: second-hand."""

    @property
    def cost_year(self) -> int | None:
        """The year the cost is as of: `cost_seen` if given, else the year it was `checked`."""
        if self.cost_seen is not None:
            return self.cost_seen
        return int(self.checked[:4]) if self.checked else None


@dataclass(frozen=True, kw_only=True)
class Catalog(Model):
    """Levels, skills and courses, already cross-checked by pmpath.catalog."""

    name: Line = "bundled"
    """The ladder's own name (`name = "..."` in levels.toml); `bundled` for pmpath's."""
    placement: Placement = _DEFAULT_PLACEMENT
    tracks: Tracks | None = None
    promotion: PromotionGuide | None = None
    groups: tuple[SkillGroup, ...] = (DEFAULT_GROUP,)
    skills: tuple[Skill, ...]
    levels: tuple[Level, ...]
    courses: tuple[Course, ...] = ()
    courses_reviewed: Annotated[int, Check(ge=1900, le=2200)] | None = None
    """The year courses.toml was last checked against its sources (dates the costs)."""

    def skill(self, skill_id: str) -> Skill:
        return self._skills_by_id[skill_id]

    def level(self, level_id: str) -> Level:
        return self._levels_by_id[level_id]

    @cached_property
    def _skills_by_id(self) -> dict[str, Skill]:
        """Looked up by id thousands of times a cohort (every report names every skill)."""
        return {s.id: s for s in self.skills}

    @cached_property
    def _levels_by_id(self) -> dict[str, Level]:
        return {lv.id: lv for lv in self.levels}

    def level_index(self, level_id: str) -> int:
        return next(i for i, lv in enumerate(self.levels) if lv.id == level_id)

    def group(self, group_id: str) -> SkillGroup:
        return next(g for g in self.groups if g.id == group_id)

    @cached_property
    def skill_ids(self) -> tuple[str, ...]:
        """Computed once: the scoring loop asks for it for every person of a cohort."""
        return tuple(s.id for s in self.skills)

    @cached_property
    def path(self) -> tuple[Level, ...]:
        """The road to the top, lowest first: every level, or with parallel tracks the shared
        levels and then the top track's. Placement and the roadmap climb this."""
        tracks = self.tracks
        if tracks is None or tracks.join is None:
            return self.levels
        return tuple(lv for lv in self.levels if lv.track is None or lv.track == tracks.top)

    @cached_property
    def track_paths(self) -> dict[str, tuple[Level, ...]]:
        """Each parallel track as a ladder of its own (the shared levels, then the track's)."""
        tracks = self.tracks
        if tracks is None or tracks.join is None:
            return {}
        return {
            name: tuple(lv for lv in self.levels if lv.track is None or lv.track == name)
            for name in tracks.names
        }

    @property
    def top(self) -> Level:
        return self.path[-1]

    @cached_property
    def memo(self) -> dict[str, Any]:
        """What is worked out from this catalogue alone and kept with it, never in a module:
        the digest of the files it was read from, a cohort's course picks per gap pattern."""
        return {}

    def path_index(self, level_id: str) -> int:
        """A level's rung: its place on the road to the top, or on its own track."""
        for path in (self.path, *self.track_paths.values()):
            for i, lv in enumerate(path):
                if lv.id == level_id:
                    return i
        raise KeyError(level_id)


# ------------------------------------------------------------------ answers


@dataclass(frozen=True, kw_only=True)
class CompanyLevel(Model):
    """One grade of one company and the pmpath rungs it usually corresponds to."""

    code: Annotated[str, Check(pattern=r"^[A-Za-z0-9][A-Za-z0-9.+-]{0,11}$")]
    title: Localized | None = None
    track: Literal["shared", "ic", "management"]
    maps_to: Annotated[tuple[SnakeId, ...], Check(min_length=1, max_length=2)]
    confidence: Literal["V", "D", "S"]
    source: Text


@dataclass(frozen=True, kw_only=True)
class Company(Model):
    id: SnakeId
    name: Localized
    source: Text
    confidence: Literal["V", "D", "S"]
    note: Localized | None = None
    levels: tuple[CompanyLevel, ...]


@dataclass(frozen=True, kw_only=True)
class CompanyTable(Model):
    """data/company_levels.toml: what people's company grades usually mean on pmpath's ladder."""

    schema_version: Literal[1] = 1
    checked: Annotated[str, Check(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]
    note: Localized
    source: Text
    companies: tuple[Company, ...]

    def company(self, company_id: str) -> Company | None:
        return next((c for c in self.companies if c.id == company_id), None)


PersonText = Annotated[str, Check(strip_whitespace=True, min_length=1, max_length=100), Shown(required=True)]
"""An id, team or manager name in an answers or review file: one printable line, trimmed, 1-100."""

CompanyLevelId = Annotated[
    str, Check(strip_whitespace=True, pattern=r"^[a-z][a-z0-9_]*:[A-Za-z0-9][A-Za-z0-9.+-]{0,11}$")
]
"""`alibaba:P7`, `google:L6`: a company id and its grade code as people write it."""


@dataclass(frozen=True, kw_only=True)
class Profile(Model):
    name: Annotated[str, Check(max_length=200)] = ""
    years_experience: Years
    years_managing: Years = 0.0
    degrees: tuple[DegreeId, ...] = ()
    network_size: Annotated[int, Check(ge=0, le=10_000_000, strict=True)]
    company_level: CompanyLevelId | None = None
    """Optional: the person's grade at their company (CONTRACTS, round four), shown beside the
    placement with the usual equivalent; checked against data/company_levels.toml at the edge."""
    business: BusinessId = "other"  # optional (CONTRACTS, round four): chooses the KPIs of each step
    # --- identity in a programme (issue 39): optional, one printable line each
    id: PersonText | None = None
    """An employee or participant id: a cohort matches people (and reviews' `about_id`) by it,
    so two people of one name stay two, and a renamed person stays one."""
    team: PersonText | None = None
    """The team a programme groups people by (`cohort --by team`)."""
    manager: PersonText | None = None
    """The person's manager, as a programme names them (`cohort --by manager`)."""


@dataclass(frozen=True, kw_only=True)
class Answers(Model):
    """What one person answered: the answers-file format of CONTRACTS.md."""

    profile: Profile
    ratings: dict[SnakeId, Rating]


ReviewRole = Literal["manager", "peer", "report", "other"]
REVIEW_ROLES: tuple[str, ...] = typing.get_args(ReviewRole)


@dataclass(frozen=True, kw_only=True)
class ReviewMeta(Model):
    about: Annotated[str, Check(strip_whitespace=True, min_length=1, max_length=200)] = ""
    """The person reviewed: compared with their profile.name (pmpath.cohort.name_key: Unicode
    NFC, case folded, spaces collapsed). Required unless `about_id` is given."""
    role: ReviewRole
    by: Annotated[str, Check(strip_whitespace=True, max_length=200)] = ""
    """Shown for a manager only: peers, reports and others stay anonymous."""
    about_id: PersonText | None = None
    """The reviewed person's `profile.id`: matched before the name when given."""


@dataclass(frozen=True, kw_only=True)
class Review(Model):
    """One rater's view of one person (CONTRACTS.md, "Review file"): the skills they can judge."""

    review: ReviewMeta
    ratings: Annotated[dict[SnakeId, Rating], Check(min_length=1)]


# ------------------------------------------------------------------ assessment


@dataclass(frozen=True, kw_only=True)
class LevelRef(Model):
    id: str
    name: str
    track: str = "shared"
    """`shared`, `ic` or `management` on the bundled ladder; a company ladder's own track names."""


@dataclass(frozen=True, kw_only=True)
class Shortfall(Model):
    """One thing that keeps a person from a level: a skill, or years of experience or managing."""

    kind: Literal["skill", "experience", "managing"]
    id: str
    have: float
    need: float
    defining: bool = False
    """A defining skill of the level: never tolerated."""


@dataclass(frozen=True, kw_only=True)
class LevelCheck(Model):
    """How one person measures against one level's bar."""

    level: str
    met: bool
    shortfalls: tuple[Shortfall, ...]
    tolerated: tuple[Shortfall, ...] = ()
    defining: tuple[str, ...] = ()
    """The level's defining skills, named so the report can say what makes the level."""


@dataclass(frozen=True, kw_only=True)
class SkillResult(Model):
    id: str
    name: str
    group: str
    rating: int
    level_min: int
    next_min: int | None
    cpo_min: int
    gap_to_next: int
    gap_to_cpo: int


@dataclass(frozen=True, kw_only=True)
class Assessment(Model):
    profile: Profile
    level: LevelRef
    next_level: LevelRef | None
    current: LevelCheck
    blocking: LevelCheck | None
    skills: tuple[SkillResult, ...]


# ------------------------------------------------------------------ roadmap


@dataclass(frozen=True, kw_only=True)
class SkillGap(Model):
    skill: str
    name: str
    rating: int
    needed: int
    behaviour: Localized
    actions: tuple[GrowthAction, ...] = ()
    """Growth actions for the steps up the scale this roadmap step adds (none repeated from the
    step below)."""


@dataclass(frozen=True, kw_only=True)
class ExperienceNeed(Model):
    years_needed: float
    years_now: float
    years_more: float
    managing_needed: float
    managing_now: float
    managing_more: float


@dataclass(frozen=True, kw_only=True)
class DegreeAdvice(Model):
    recommended: tuple[str, ...]
    held: tuple[str, ...]
    met: bool
    required: bool = False
    note: Localized
    source: str


@dataclass(frozen=True, kw_only=True)
class NetworkAdvice(Model):
    target: int
    current: int
    more: int
    actions: LocalizedList
    source: str


@dataclass(frozen=True, kw_only=True)
class CourseRef(Model):
    id: str
    name: str
    provider: str
    kind: str
    url: str
    matches: tuple[str, ...]
    lang: str = "en"
    """The language it is taught or written in."""


@dataclass(frozen=True, kw_only=True)
class Step(Model):
    level: str
    name: str
    skill_gaps: tuple[SkillGap, ...]
    experience: ExperienceNeed
    degrees: DegreeAdvice
    network: NetworkAdvice
    courses: tuple[CourseRef, ...]
    kpis: LocalizedList
    kpis_source: str
    kpis_business: BusinessId = "other"
    """The business model the KPIs were chosen for: `other` where the level has none for the
    person's (its general KPIs, good for any business)."""
    defining_skills: tuple[str, ...] = ()
    manages_people: bool = False
    """The first step that needs years of managing people: where the IC track ends."""
    years_from_now: float
    """Typical years from now (public career bands)."""
    years_from_now_earliest: float
    earliest_year: int | None
    typical_year: int | None


@dataclass(frozen=True, kw_only=True)
class TrackSwitch(Model):
    """Where the road to the top leaves the individual-contributor track, and what it takes."""

    level: str
    name: str
    managing_needed: float
    managing_now: float
    delegation_now: int | None = None
    delegation_needed: int | None = None
    """Only where the ladder has a `delegation` skill."""
    note: Localized
    source: str


@dataclass(frozen=True, kw_only=True)
class TrackPlace(Model):
    """Where a person stands on one parallel track of a ladder that has them."""

    track: str
    name: str
    level: LevelRef
    next_level: LevelRef | None


@dataclass(frozen=True, kw_only=True)
class Roadmap(Model):
    target: str
    steps: tuple[Step, ...]
    years_to_target: float
    """Typical years to the top level."""
    years_to_target_earliest: float
    earliest_year: int | None
    typical_year: int | None
    track_switch: TrackSwitch | None = None


# ------------------------------------------------------------------ 360 reviews


@dataclass(frozen=True, kw_only=True)
class SkillViews(Model):
    """One skill as the person and their reviewers see it; individual anonymous ratings never
    appear, only pools of them."""

    id: str
    self: int
    others: float | None
    """The reviewers' combined rating (manager counted twice); None where nobody rated it."""
    manager: float | None = None
    """Shown apart only when at least `min_peers` peers rated the skill too."""
    peers: float | None = None
    raters: int = 0
    placed: int
    """The rating that placed the person: self, capped by the reviewers' combined rating."""
    withheld: bool = False
    """A lone anonymous rating with no manager beside it: kept out, to keep the rater anonymous."""


@dataclass(frozen=True, kw_only=True)
class ReviewSummary(Model):
    count: int
    roles: dict[str, int]
    manager: str | None = None
    """The manager's name when the review gave one; peers' names are never kept."""
    skills: tuple[SkillViews, ...]
    blind_spots: tuple[str, ...]
    hidden_strengths: tuple[str, ...]
    moved: tuple[str, ...]
    """Skills whose placing rating the reviews lowered."""
    rule: str


# ------------------------------------------------------------------ the evidence log


@dataclass(frozen=True, kw_only=True)
class Evidence(Model):
    """One thing a person did for a skill and what it changed (CONTRACTS: `evidence list`)."""

    id: int
    name: str
    skill: str
    text: str
    date: str
    """YYYY-MM-DD: when it happened."""
    link: str = ""
    metric: str = ""
    """What moved, as the person wrote it ("conversion 2.1% → 2.6%")."""
    action: str = ""
    """The growth action it came from, `TO:KIND` (`3:on_the_job`), else empty."""
    added: str
    """When it was logged."""
    scope: str = ""
    """Whose work it was: `me` (done yourself), `led` (you led others doing it) or `team` (the
    team's, with your part in the text); empty for an entry logged before stories. A plain
    string, not an enum, so a history row from a newer pmpath still reads."""
    situation: str = ""
    """The story's situation: what was at stake before (the text is the action)."""
    result: str = ""
    """The story's result in words (the metric says what moved in numbers)."""


# ------------------------------------------------------------------ the quarter's plan


@dataclass(frozen=True, kw_only=True)
class PlanItem(Model):
    """One of the three things a report plans for the next quarter (pmpath.plan chooses them)."""

    kind: Literal["skill", "managing", "network"]
    skill: str | None = None
    rating: int | None = None
    """The skill's rating when the plan was made."""
    needed: int | None = None
    years: float | None = None
    """Years of managing people still to gain (a `managing` item)."""
    target: int | None = None
    now: int | None = None
    """A `network` item: the connections the step asks for, and those the person had."""


# ------------------------------------------------------------------ report


@dataclass(frozen=True, kw_only=True)
class Equivalent(Model):
    """One company grade that usually corresponds to a pmpath level."""

    company: str
    company_name: Localized
    code: str
    title: Localized | None = None
    track: str
    maps_to: tuple[str, ...]
    confidence: str
    source: str


@dataclass(frozen=True, kw_only=True)
class CompanyPlace(Model):
    """The person's own company grade, read against the table: one entry per track it names."""

    given: str
    matches: tuple[Equivalent, ...]
    agrees: bool
    """True when the placement is among the rungs the grade usually corresponds to."""


@dataclass(frozen=True, kw_only=True)
class Report(Model):
    """Everything one assessment says: the JSON report of CONTRACTS.md is this model."""

    schema_version: Literal[1] = 1
    pmpath_version: str
    profile: Profile
    level: LevelRef
    next_level: LevelRef | None
    reasons: tuple[str, ...]
    current: LevelCheck
    blocking: LevelCheck | None
    skills: tuple[SkillResult, ...]
    roadmap: Roadmap
    reviews: ReviewSummary | None = None
    tracks: Annotated[dict[str, TrackPlace | None], TracksByName()] = field(default_factory=dict)
    """With a ladder of parallel tracks: where the person stands on each, by track name
    (CONTRACTS, round four); empty for a ladder of one line."""
    plan: tuple[PlanItem, ...] = ()
    """This quarter's plan, kept with the run so the next check-in can hold it to account."""
    equivalents: tuple[Equivalent, ...] = ()
    """The placement's usual grades at named companies (bundled ladder only), each sourced."""
    company_level: CompanyPlace | None = None
    """The grade the person gave (`profile.company_level`) and what it usually means here."""
