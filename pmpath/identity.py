"""Who a person is, one rule for every reader: a cohort joining reviews to people, an
assessment checking that a review is about its person, a baseline finding last quarter's row.

Kept apart from pmpath.cohort (its tallies) so that `pmpath assess` checks a review without
loading a cohort's machinery (pure: no I/O)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pmpath.models import Profile, ReviewMeta


def name_key(name: str) -> str:
    """A name as a cohort compares it: Unicode NFC (macOS tools save NFD), case folded, runs
    of spaces as one. `Wang  Wei`, `wang wei` and the NFD spelling of `Zoë` are each one person."""
    import unicodedata

    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def person_keys(name: str, person_id: str | None) -> tuple[str, ...]:
    """What reviews can find a person by: their name, and their id when they have one. The last
    is who they are (an id where given, else the name): two files with it are one person twice."""
    by_name = "n:" + name_key(name)
    return (by_name,) if person_id is None else (by_name, "i:" + person_id)


def review_key(about: str, about_id: str | None) -> str:
    """The one key a review finds its person by: the id where given, else the name."""
    return "n:" + name_key(about) if about_id is None else "i:" + about_id


def about_matches(meta: ReviewMeta, profile: Profile) -> bool:
    """Is this review about this person? By id where both give one, else by name; when either
    side gives nothing to compare (a nameless answers file), it is taken as theirs."""
    if meta.about_id is not None and profile.id is not None:
        return meta.about_id == profile.id
    if meta.about and profile.name.strip():
        return name_key(meta.about) == name_key(profile.name)
    return True
