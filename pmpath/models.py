"""The nouns of pmpath: catalogue, answers, assessment and roadmap, validated once at the edge."""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

DegreeId = Literal["none", "bachelor", "master", "mba", "ms_cs", "phd"]
DEGREE_NAMES: dict[str, str] = {
    "none": "No degree",
    "bachelor": "Bachelor's degree",
    "master": "Master's degree (other field)",
    "mba": "MBA",
    "ms_cs": "MS in Computer Science",
    "phd": "PhD",
}

Rating = Annotated[int, Field(ge=1, le=5, strict=True)]
SnakeId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
Years = Annotated[float, Field(ge=0, le=70, allow_inf_nan=False, strict=True)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]


class FrozenModel(BaseModel):
    """Immutable and strict about unknown keys: every pmpath model, in the core and at the edge."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


# ------------------------------------------------------------------ catalogue


class Localized(FrozenModel):
    """One text in both languages the product ships: English and Chinese (the sources' language).

    The bundled ladder must have both (the loader checks); a company's own ladder may be written
    in English only, and then shows English in a Chinese session rather than nothing.
    """

    en: Text
    zh: Text | None = None

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" and self.zh is not None else self.en


class LocalizedList(FrozenModel):
    en: tuple[Text, ...] = ()
    zh: tuple[Text, ...] | None = None

    def get(self, lang: str) -> tuple[str, ...]:
        return self.zh if lang == "zh" and self.zh is not None else self.en


_DEFAULT_SOURCE = "pmpath default: the bundled ladder's value (README: How pmpath places you)"


class Placement(FrozenModel):
    """The few knobs of the placement method; data, so the README and the code cannot disagree.

    Each pace knob comes in two speeds: the earliest plausible (someone who does everything
    right and gets the chance) and the typical one (public career bands), each with its source.
    """

    tolerance_skills: int = Field(default=1, ge=0, le=3)
    tolerance_points: int = Field(default=1, ge=0, le=1)
    tolerance_source: Text = _DEFAULT_SOURCE
    years_per_skill_point: float = Field(default=1.0, gt=0, le=5, allow_inf_nan=False)
    years_per_skill_point_source: Text = _DEFAULT_SOURCE
    typical_years_per_skill_point: float = Field(default=1.5, gt=0, le=5, allow_inf_nan=False)
    typical_years_per_skill_point_source: Text = _DEFAULT_SOURCE
    years_per_promotion: float = Field(default=1.5, ge=0, le=5, allow_inf_nan=False)
    years_per_promotion_source: Text = _DEFAULT_SOURCE
    source: Text = _DEFAULT_SOURCE


class Tracks(FrozenModel):
    """Where the individual-contributor track ends and people management becomes the road up.

    Two shapes: a single ladder whose IC part ends at `ic_top` (the bundled ladder), or levels
    that name a `track` (parallel IC and management tracks, both starting above `join`).
    """

    ic_top: SnakeId | None = None
    join: SnakeId | None = None
    """The last shared level: above it the levels of each named track run side by side."""
    top: SnakeId | None = None
    """The track whose last level is the top of the ladder (its roadmap target)."""
    names: dict[SnakeId, Localized] = {}
    switch_note: Localized
    source: Text


class SkillGroup(FrozenModel):
    id: SnakeId
    name: Localized


DEFAULT_GROUP = SkillGroup(id="skills", name=Localized(en="Skills", zh="技能"))


class Skill(FrozenModel):
    id: SnakeId
    group: SnakeId = DEFAULT_GROUP.id
    name: Localized
    summary: Localized
    source: Text
    anchors: LocalizedList

    def anchor(self, rating: int, lang: str = "en") -> str:
        return self.anchors.get(lang)[rating - 1]

    def anchors_localized(self, rating: int) -> Localized:
        zh = self.anchors.zh
        return Localized(en=self.anchors.en[rating - 1], zh=zh[rating - 1] if zh is not None else None)


class DegreeAdviceData(FrozenModel):
    recommended: tuple[DegreeId, ...] = ()
    note: Localized = Localized(en="This ladder gives no degree advice.", zh="这个职级体系没有学位建议。")
    source: Text = "-"


class NetworkData(FrozenModel):
    target: int = Field(default=0, ge=0, le=1_000_000)
    actions: LocalizedList = LocalizedList()
    source: Text = "-"


class Level(FrozenModel):
    """One rung. The bundled ladder fills every field (the loader checks); a company's ladder
    needs only an id, a name, a summary, its minimums and a source, the rest has defaults."""

    id: SnakeId
    name: Localized
    summary: Localized
    responsibilities: LocalizedList = LocalizedList()
    source: Text
    track: SnakeId | None = None
    """None on the shared trunk; else the parallel track (of `tracks.names`) this level is on."""
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
    degrees: DegreeAdviceData = DegreeAdviceData()
    network: NetworkData = NetworkData()
    kpis: LocalizedList = LocalizedList()
    kpis_source: Text = "-"


CourseKind = Literal["programme", "certificate", "course", "degree", "book"]


class Course(FrozenModel):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
    name: Text
    provider: Text
    kind: CourseKind
    executive: bool = False
    """An executive or C-level programme: offered only from the Director step up."""
    degree: DegreeId | None = None
    format: str = ""
    duration: str = ""
    cost: str = ""
    cost_seen: int | None = Field(default=None, ge=1900, le=2200)
    """The year the cost was seen on a page; a cost without one is refused by the loader."""
    skills: tuple[SnakeId, ...]
    levels: tuple[SnakeId, ...]
    levels_reason: Text
    url: str = ""
    source: Text
    confidence: Literal["V", "D", "S"]
    """V: the provider's own page; D: derived from an official figure; S: second-hand."""


class Catalog(FrozenModel):
    """Levels, skills and courses, already cross-checked by pmpath.catalog."""

    name: str = "bundled"
    """The ladder's own name (`name = "..."` in levels.toml); `bundled` for pmpath's."""
    placement: Placement = Placement()
    tracks: Tracks | None = None
    groups: tuple[SkillGroup, ...] = (DEFAULT_GROUP,)
    skills: tuple[Skill, ...]
    levels: tuple[Level, ...]
    courses: tuple[Course, ...] = ()
    courses_reviewed: int | None = Field(default=None, ge=1900, le=2200)
    """The year courses.toml was last checked against its sources (dates the costs)."""

    def skill(self, skill_id: str) -> Skill:
        return next(s for s in self.skills if s.id == skill_id)

    def level(self, level_id: str) -> Level:
        return next(lv for lv in self.levels if lv.id == level_id)

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

    def path_index(self, level_id: str) -> int:
        """A level's rung: its place on the road to the top, or on its own track."""
        for path in (self.path, *self.track_paths.values()):
            for i, lv in enumerate(path):
                if lv.id == level_id:
                    return i
        raise KeyError(level_id)


# ------------------------------------------------------------------ answers


class Profile(FrozenModel):
    name: Annotated[str, StringConstraints(max_length=200)] = ""
    years_experience: Years
    years_managing: Years = 0.0
    degrees: tuple[DegreeId, ...] = ()
    network_size: int = Field(ge=0, le=10_000_000, strict=True)


class Answers(FrozenModel):
    """What one person answered: the answers-file format of CONTRACTS.md."""

    profile: Profile
    ratings: dict[SnakeId, Rating]


ReviewRole = Literal["manager", "peer", "report", "other"]
REVIEW_ROLES: tuple[str, ...] = ("manager", "peer", "report", "other")


class ReviewMeta(FrozenModel):
    about: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    """The person reviewed: compared with their profile.name, as written, after trimming."""
    role: ReviewRole
    by: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] = ""
    """Shown for a manager only: peers, reports and others stay anonymous."""


class Review(FrozenModel):
    """One rater's view of one person (CONTRACTS.md, "Review file"): the skills they can judge."""

    review: ReviewMeta
    ratings: Annotated[dict[SnakeId, Rating], Field(min_length=1)]


# ------------------------------------------------------------------ assessment


class LevelRef(FrozenModel):
    id: str
    name: str


class Shortfall(FrozenModel):
    """One thing that keeps a person from a level: a skill, or years of experience or managing."""

    kind: Literal["skill", "experience", "managing"]
    id: str
    have: float
    need: float
    defining: bool = False
    """A defining skill of the level: never tolerated."""


class LevelCheck(FrozenModel):
    """How one person measures against one level's bar."""

    level: str
    met: bool
    shortfalls: tuple[Shortfall, ...]
    tolerated: tuple[Shortfall, ...] = ()
    defining: tuple[str, ...] = ()
    """The level's defining skills, named so the report can say what makes the level."""


class SkillResult(FrozenModel):
    id: str
    name: str
    group: str
    rating: int
    level_min: int
    next_min: int | None
    cpo_min: int
    gap_to_next: int
    gap_to_cpo: int


class Assessment(FrozenModel):
    profile: Profile
    level: LevelRef
    next_level: LevelRef | None
    current: LevelCheck
    blocking: LevelCheck | None
    skills: tuple[SkillResult, ...]


# ------------------------------------------------------------------ roadmap


class SkillGap(FrozenModel):
    skill: str
    name: str
    rating: int
    needed: int
    behaviour: Localized


class ExperienceNeed(FrozenModel):
    years_needed: float
    years_now: float
    years_more: float
    managing_needed: float
    managing_now: float
    managing_more: float


class DegreeAdvice(FrozenModel):
    recommended: tuple[str, ...]
    held: tuple[str, ...]
    met: bool
    required: bool = False
    note: Localized
    source: str


class NetworkAdvice(FrozenModel):
    target: int
    current: int
    more: int
    actions: LocalizedList
    source: str


class CourseRef(FrozenModel):
    id: str
    name: str
    provider: str
    kind: str
    url: str
    matches: tuple[str, ...]


class Step(FrozenModel):
    level: str
    name: str
    skill_gaps: tuple[SkillGap, ...]
    experience: ExperienceNeed
    degrees: DegreeAdvice
    network: NetworkAdvice
    courses: tuple[CourseRef, ...]
    kpis: LocalizedList
    kpis_source: str
    defining_skills: tuple[str, ...] = ()
    manages_people: bool = False
    """The first step that needs years of managing people: where the IC track ends."""
    years_from_now: float
    """Typical years from now (public career bands)."""
    years_from_now_earliest: float
    earliest_year: int | None
    typical_year: int | None


class TrackSwitch(FrozenModel):
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


class TrackPlace(FrozenModel):
    """Where a person stands on one parallel track of a ladder that has them."""

    track: str
    name: str
    level: LevelRef
    next_level: LevelRef | None


class Roadmap(FrozenModel):
    target: str
    steps: tuple[Step, ...]
    years_to_target: float
    """Typical years to the top level."""
    years_to_target_earliest: float
    earliest_year: int | None
    typical_year: int | None
    track_switch: TrackSwitch | None = None


# ------------------------------------------------------------------ 360 reviews


class SkillViews(FrozenModel):
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


class ReviewSummary(FrozenModel):
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


# ------------------------------------------------------------------ report


class Report(FrozenModel):
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
    tracks: tuple[TrackPlace, ...] = ()
    """With a ladder of parallel tracks: where the person stands on each."""
