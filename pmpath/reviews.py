"""360 reviews beside the self-rating: combined views, blind spots, and the placing ratings (pure).

The rule, written out in the README ("How pmpath places you"):

- Reviewers' ratings of a skill are pooled into one "others" rating, a weighted mean in which
  the manager counts twice: the manager sees the work against the ladder, and one peer's view
  must not outweigh theirs.
- Where others rated a skill, their combined rating (rounded half up) caps the self-rating for
  placement: a level needs behaviour the person *and* the people around them see. Reviews never
  raise a rating; a hidden strength is something to claim, with evidence, at the next review.
- Anonymity as 360 tools practise it: a peer's, report's or other rater's name is never kept;
  their ratings appear only pooled. Peers are shown apart from the manager only when at least
  MIN_PEERS peers rated the skill; a lone anonymous rating with no manager beside it is withheld
  (neither shown nor used), since showing it would show one person's rating.
"""

from __future__ import annotations

from collections.abc import Sequence

from pmpath.models import Answers, Catalog, Review, ReviewSummary, SkillViews

MIN_PEERS = 3
MANAGER_WEIGHT = 2
GAP = 1.0
"""Self at least this far from others makes a blind spot (above) or a hidden strength (below)."""

RULE = (
    "others = reviewers' mean with the manager counted twice; where others rated a skill, "
    "round(others) caps the self-rating for placement; reviews never raise a rating; "
    f"peers are shown apart only when {MIN_PEERS} or more rated a skill; "
    "a lone anonymous rating without a manager's is withheld"
)


def round_half_up(value: float) -> int:
    """3.5 places as 4: Python's round() would make it 4 but 2.5 into 2 (banker's rounding)."""
    return int(value + 0.5)


def _mean(pairs: Sequence[tuple[int, int]]) -> float:
    """Weighted mean of (rating, weight), to one decimal: what people read and compare."""
    total = sum(w for _, w in pairs)
    return round(sum(r * w for r, w in pairs) / total, 2)


def combine(answers: Answers, reviews: Sequence[Review], catalog: Catalog) -> tuple[Answers, ReviewSummary]:
    """The answers that place the person (self capped by others) and what the reviews say."""
    views: list[SkillViews] = []
    placed: dict[str, int] = {}
    for skill_id in catalog.skill_ids:
        own = answers.ratings[skill_id]
        managers = [
            r.ratings[skill_id] for r in reviews if r.review.role == "manager" and skill_id in r.ratings
        ]
        peers = [r.ratings[skill_id] for r in reviews if r.review.role == "peer" and skill_id in r.ratings]
        anonymous = [
            r.ratings[skill_id] for r in reviews if r.review.role != "manager" and skill_id in r.ratings
        ]
        withheld = len(anonymous) == 1 and not managers
        pool = [(m, MANAGER_WEIGHT) for m in managers] + ([] if withheld else [(a, 1) for a in anonymous])
        others = _mean(pool) if pool else None
        apart = len(peers) >= MIN_PEERS
        rating = own if others is None else min(own, round_half_up(others))
        placed[skill_id] = rating
        views.append(
            SkillViews(
                id=skill_id,
                self=own,
                others=others,
                manager=_mean([(m, 1) for m in managers]) if apart and managers else None,
                peers=_mean([(p, 1) for p in peers]) if apart else None,
                raters=len(managers) + (0 if withheld else len(anonymous)),
                placed=rating,
                withheld=withheld,
            )
        )
    roles = {
        role: sum(1 for r in reviews if r.review.role == role)
        for role in ("manager", "peer", "report", "other")
    }
    named = [r.review.by for r in reviews if r.review.role == "manager" and r.review.by]
    summary = ReviewSummary(
        count=len(reviews),
        roles={k: v for k, v in roles.items() if v},
        manager=named[0] if len(named) == 1 else None,
        skills=tuple(views),
        blind_spots=tuple(v.id for v in views if v.others is not None and v.self - v.others >= GAP),
        hidden_strengths=tuple(v.id for v in views if v.others is not None and v.others - v.self >= GAP),
        moved=tuple(v.id for v in views if v.placed < v.self),
        rule=RULE,
    )
    return answers.model_copy(update={"ratings": placed}), summary
