"""Pseudonyms for summaries a programme shares (`pmpath cohort --anonymize`).

Each name becomes `P-` and ten letters and digits of a keyed hash of the name (as written,
after trimming): the same person gets the same pseudonym in every output of a run, and in every
run made with the same key (PMPATH_ANONYMIZE_KEY), so quarter-on-quarter comparisons still
work. Without the key nobody can go from a pseudonym back to a name by trying names, which a
plain hash would allow. File names, which usually carry the name, are replaced the same way;
a manager's name on a review is dropped.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from typing import Any

from pmpath.cohort import ErrorRow, PersonRow, ReviewRow
from pmpath.errors import Msg

KEY_ENV = "PMPATH_ANONYMIZE_KEY"


def run_key() -> tuple[bytes, bool]:
    """The key from the environment, else a random one for this run only; and which it was."""
    given = os.environ.get(KEY_ENV, "")
    if given:
        return given.encode("utf-8", "surrogatepass"), True
    import secrets

    return secrets.token_bytes(32), False


def pseudonym(name: str, key: bytes) -> str:
    digest = hmac.new(key, name.strip().encode("utf-8", "surrogatepass"), hashlib.sha256).digest()
    return "P-" + base64.b32encode(digest).decode("ascii")[:10]


def _file(file: str, key: bytes) -> str:
    suffix = os.path.splitext(file)[1] if file.endswith((".toml", ".json")) else ""
    return pseudonym("\0file\0" + file, key) + suffix


def anonymous_person(row: PersonRow, key: bytes) -> PersonRow:
    return row._replace(
        name=pseudonym(row.name, key),
        file=_file(row.file, key),
        id=row.id and pseudonym("\0id\0" + row.id, key),
        manager=row.manager and pseudonym(row.manager, key),
    )


def anonymous_review(row: ReviewRow, key: bytes) -> ReviewRow:
    return row._replace(about=pseudonym(row.about, key), file=_file(row.file, key), by="")


def anonymous_error(row: ErrorRow, key: bytes) -> ErrorRow:
    """What a shared summary says of an unreadable file: that it was unreadable, not its name
    nor the line that gave it away; the full message went to stderr for the operator."""
    file = _file(row.file, key)
    return ErrorRow(file, Msg("e_anonymous_file", file=file))


def anonymous_programme(sections: dict[str, Any], key: bytes) -> dict[str, Any]:
    """Completeness and calibration with every person and rater named by pseudonym."""

    def p(name: str) -> str:
        return pseudonym(name, key)

    out = dict(sections)
    if "completeness" in out:
        done = out["completeness"]
        missing = [{"person": p(m["person"]), "reviewer": p(m["reviewer"])} for m in done["missing_reviews"]]
        reminders = [
            {"reviewer": p(r["reviewer"]), "people": [p(n) for n in r["people"]]} for r in done["reminders"]
        ]
        out["completeness"] = {
            **done,
            "no_answers": [p(n) for n in done["no_answers"]],
            "missing_reviews": missing,
            "fewer_than_three_peers": [p(n) for n in done["fewer_than_three_peers"]],
            "reminders": reminders,
        }
    if "calibration" in out:
        out["calibration"] = [{**row, "rater": p(row["rater"])} for row in out["calibration"]]
    return out
