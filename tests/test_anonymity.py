"""Anonymity that survives arithmetic (issue 20, class 2): no combination of the figures pmpath
publishes determines one anonymous reviewer's rating. The tests try the algebra: for every
anonymous rating, they look for another rating that, with the rest of the reviews free to
differ, publishes exactly the same report; if there is none, the rating was recoverable.

What the attacker knows: every published figure of the JSON report (the pooled "others", the
manager's and peers' means where shown, the count of raters, the roles) and the manager's own
rating. The one thing a mean cannot hide is a unanimous group at an end of the scale (a mean of
5.0 says everyone gave 5), which every 360 report shows; the README says so.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pmpath.models import Answers, Profile, Review, ReviewMeta, dump
from pmpath.reviews import combine

SKILL = "strategy"


def _answers(catalog: Any) -> Answers:
    profile = Profile(name="A", years_experience=5.0, network_size=10)
    return Answers(profile=profile, ratings=dict.fromkeys(catalog.skill_ids, 3))


def _review(role: str, rating: int, n: int) -> Review:
    # A second skill every reviewer rates the same keeps each review distinct only by its
    # rating of SKILL and its number, as distinct people's reviews are.
    return Review(
        review=ReviewMeta(about="A", role=role, by="Morgan" if role == "manager" else f"r{n}"),
        ratings={SKILL: rating},
    )


def _published(catalog: Any, raters: list[tuple[str, int]]) -> str:
    reviews = [_review(role, rating, n) for n, (role, rating) in enumerate(raters)]
    _, summary = combine(_answers(catalog), reviews, catalog)
    data = dump(summary)
    for view in data["skills"]:
        view.pop("placed")  # self capped by others: nothing the pooled figure does not say
    return json.dumps(data, sort_keys=True)


def recoverable(catalog: Any, raters: list[tuple[str, int]]) -> list[int]:
    """The anonymous raters (by position) whose rating no other value could replace unseen."""
    shown = _published(catalog, raters)
    anonymous = [i for i, (role, _) in enumerate(raters) if role != "manager"]
    possible: dict[int, set[int]] = {i: set() for i in anonymous}
    for values in itertools.product(range(1, 6), repeat=len(anonymous)):
        other = list(raters)
        for i, v in zip(anonymous, values, strict=True):
            other[i] = (raters[i][0], v)
        if _published(catalog, other) == shown:
            for i, v in zip(anonymous, values, strict=True):
                possible[i].add(v)
    return [i for i in anonymous if len(possible[i]) == 1]


def _unanimous_extreme(raters: list[tuple[str, int]]) -> bool:
    ratings = {r for role, r in raters if role != "manager"}
    return ratings in ({1}, {5})


ROLES = st.sampled_from(["peer", "peer", "report", "other"])


@settings(max_examples=60, deadline=None)
@given(
    manager=st.one_of(st.none(), st.integers(1, 5)),
    anonymous=st.lists(st.tuples(ROLES, st.integers(1, 5)), min_size=1, max_size=5),
)
def test_no_published_figure_determines_an_anonymous_rating(catalog, manager, anonymous):
    raters = ([("manager", manager)] if manager is not None else []) + anonymous
    found = recoverable(catalog, raters)
    if _unanimous_extreme(raters) and len(anonymous) >= 3:
        return  # the one case a mean cannot hide (see the module's docstring)
    assert found == [], (raters, found)


def test_a_lone_rating_beside_a_manager_is_not_recoverable(catalog):
    """(2m + a) / 3 with m known gave a exactly: now one or two anonymous ratings are withheld."""
    assert recoverable(catalog, [("manager", 4), ("peer", 2)]) == []
    assert recoverable(catalog, [("manager", 4), ("peer", 2), ("report", 5)]) == []


def test_peers_apart_never_leave_a_small_group_to_subtract(catalog):
    """Three peers shown apart, and a report in the pool: others minus peers gave the report's."""
    raters = [("manager", 3), ("peer", 2), ("peer", 4), ("peer", 3), ("report", 1)]
    assert recoverable(catalog, raters) == []


def test_the_same_review_file_twice_or_linked_counts_once(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    from conftest import ROOT

    pmpath = str(Path(sys.executable).parent / "pmpath")
    peer = ROOT / "examples" / "reviews" / "alice-peer-1.toml"
    (tmp_path / "link.toml").symlink_to(peer)
    (tmp_path / "hard.toml").hardlink_to(tmp_path / "link.toml")  # a hard link to the same file
    alice = str(ROOT / "examples" / "alice.toml")
    args = ["assess", "-a", alice, "--no-history", "-f", "json"]
    for r in (peer, tmp_path / "link.toml", tmp_path / "hard.toml", peer):
        args += ["-r", str(r)]
    result = subprocess.run([pmpath, *args], capture_output=True, text=True, env={"HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    reviews = json.loads(result.stdout)["reviews"]
    assert reviews["count"] == 1
    assert all(s["others"] is None for s in reviews["skills"])  # one peer alone: withheld everywhere
