"""360 reviews beside the self-rating: combined views, blind spots, and the placing ratings (pure).

The rule, written out in the README ("How pmpath places you"):

- Reviewers' ratings of a skill are pooled into one "others" rating, a weighted mean in which
  the manager counts twice: the manager sees the work against the ladder, and one peer's view
  must not outweigh theirs.
- Where others rated a skill, their combined rating (rounded half up) caps the self-rating for
  placement: a level needs behaviour the person *and* the people around them see. Reviews never
  raise a rating; a hidden strength is something to claim, with evidence, at the next review.
- Anonymity that survives arithmetic: a peer's, report's or other rater's name is never kept,
  and no figure pmpath publishes, alone or combined with the others (the manager's rating, the
  peers' mean, the pooled "others", the count of raters, the roles), determines one anonymous
  rating. So anonymous ratings of a skill count only in a group of at least MIN_ANONYMOUS; one
  or two are withheld (neither shown nor used), with or without a manager beside them, since
  the manager's known rating and the pooled figure would give their sum. Manager and peers are
  shown apart only when MIN_ANONYMOUS or more peers rated the skill *and* the other anonymous
  raters (reports, others) are none or MIN_ANONYMOUS or more: "others" minus the peers must
  not isolate a small group either. A review file named twice, or through a symlink or a
  hard link, is read once (pmpath.answers.distinct_files), so one rater never counts as two.
"""

from __future__ import annotations

import typing
from collections.abc import Sequence
from dataclasses import replace

from pmpath.models import Answers, Catalog, Review, ReviewRole, ReviewSummary, SkillViews

MIN_ANONYMOUS = 3
"""The smallest group of anonymous ratings pmpath shows or uses, as 360 tools do."""
MIN_PEERS = MIN_ANONYMOUS
ROLES: tuple[str, ...] = typing.get_args(ReviewRole)
ANONYMOUS_ROLES = tuple(role for role in ROLES if role != "manager")
"""Everyone but the manager: their names are never kept, their ratings shown only pooled."""
MANAGER_WEIGHT = 2
GAP = 1.0
"""Self at least this far from others makes a blind spot (above) or a hidden strength (below)."""

RULE = (
    "others = reviewers' mean with the manager counted twice; where others rated a skill, "
    "round(others) caps the self-rating for placement; reviews never raise a rating; "
    f"anonymous ratings count only {MIN_ANONYMOUS} or more to a skill, fewer are withheld; "
    f"peers are shown apart only when {MIN_PEERS} or more rated a skill and the other anonymous "
    f"raters are none or {MIN_ANONYMOUS} or more; a file named twice counts once"
)


def round_half_up(value: float) -> int:
    """3.5 places as 4: Python's round() would make it 4 but 2.5 into 2 (banker's rounding)."""
    return int(value + 0.5)


def _mean(pairs: Sequence[tuple[int, int]]) -> float:
    """Weighted mean of (rating, weight), to two decimals: what people read and compare."""
    total = sum(w for _, w in pairs)
    return round(sum(r * w for r, w in pairs) / total, 2)


def _average(ratings: Sequence[int]) -> float:
    """Plain mean, to two decimals: the manager's and the peers' own figures."""
    return round(sum(ratings) / len(ratings), 2)


def _rated(reviews: Sequence[Review], skill_id: str) -> tuple[list[int], list[int], list[int]]:
    """One skill's ratings by the manager, by peers and by every anonymous rater (peers
    included), from the reviewers who rated it: one look at each review."""
    managers: list[int] = []
    peers: list[int] = []
    anonymous: list[int] = []
    for r in reviews:
        rating = r.ratings.get(skill_id)
        if rating is None:
            continue
        role = r.review.role
        if role == "manager":
            managers.append(rating)
        elif role in ANONYMOUS_ROLES:
            anonymous.append(rating)
            if role == "peer":
                peers.append(rating)
    return managers, peers, anonymous


def _shown_apart(peers: int, anonymous: int) -> bool:
    """Manager and peers apart only when neither the peers nor what is left of the anonymous
    raters once the peers are taken out is a group small enough to solve for."""
    rest = anonymous - peers
    return peers >= MIN_PEERS and (rest == 0 or rest >= MIN_ANONYMOUS)


def _skill_views(own: int, skill_id: str, reviews: Sequence[Review]) -> SkillViews:
    """One skill: the pooled figure and, where no group is too small, manager and peers apart."""
    managers, peers, anonymous = _rated(reviews, skill_id)
    withheld = 0 < len(anonymous) < MIN_ANONYMOUS
    used = [] if withheld else anonymous
    pool = [(m, MANAGER_WEIGHT) for m in managers] + [(a, 1) for a in used]
    others = _mean(pool) if pool else None
    apart = _shown_apart(len(peers), len(anonymous))
    return SkillViews(
        id=skill_id,
        self=own,
        others=others,
        manager=_average(managers) if apart and managers else None,
        peers=_average(peers) if apart else None,
        raters=len(managers) + len(used),
        placed=own if others is None else min(own, round_half_up(others)),
        withheld=withheld,
    )


def blind_spot(own: int, others: float | None) -> bool:
    """The person rates the skill at least GAP above what their reviewers see."""
    return others is not None and own - others >= GAP


def hidden_strength(own: int, others: float | None) -> bool:
    """The reviewers see at least GAP more than the person claims."""
    return others is not None and others - own >= GAP


def combine(answers: Answers, reviews: Sequence[Review], catalog: Catalog) -> tuple[Answers, ReviewSummary]:
    """The answers that place the person (self capped by others) and what the reviews say."""
    views = [_skill_views(answers.ratings[s], s, reviews) for s in catalog.skill_ids]
    roles = {role: sum(1 for r in reviews if r.review.role == role) for role in ROLES}
    named = [r.review.by for r in reviews if r.review.role == "manager" and r.review.by]
    summary = ReviewSummary(
        count=len(reviews),
        roles={k: v for k, v in roles.items() if v},
        manager=named[0] if len(named) == 1 else None,
        skills=tuple(views),
        blind_spots=tuple(v.id for v in views if blind_spot(v.self, v.others)),
        hidden_strengths=tuple(v.id for v in views if hidden_strength(v.self, v.others)),
        moved=tuple(v.id for v in views if v.placed < v.self),
        rule=RULE,
    )
    return replace(answers, ratings={v.id: v.placed for v in views}), summary
