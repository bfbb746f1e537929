"""Inputs for a training programme run end to end: quarters of one cohort, with reviews and a
roster, as an HR team keeps them (issue 39).

    python scripts/programme_inputs.py OUT [--people 2000] [--quarters 2] [--seed 7]

writes OUT/q1/, OUT/q2/, ... (one answers file per person, and reviews/ of each quarter: a
manager's review of everyone, three peers for every fifth person, one lenient and one harsh
manager), and OUT/roster.csv. Names mix Chinese and Latin (王伟 and Zoë O'Brien, two people
named 李娜 told apart by id), so reading the outputs back checks what a spreadsheet keeps.
People grow between quarters (a point on a skill or two, half a year), a few step back.
"""

from __future__ import annotations

import argparse
import csv
import random
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"]
GIVEN = ["伟", "娜", "芳", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟"]
LATIN = ["Zoë O'Brien", "Amara Okafor", "José Núñez", "Kenji Satō", "Mei-Lin Zhang", "Ana-María Ruiz"]
TEAMS = ["增长 Growth", "Platform", "支付 Payments", "Search"]
MANAGERS = ["刘洋", "Dana Kim", "陈静 (lenient)", "Sam Patel (harsh)"]


def skill_ids() -> list[str]:
    with open(ROOT / "data" / "levels.toml", "rb") as handle:
        return [s["id"] for s in tomllib.load(handle)["skills"]]


def people(count: int, rng: random.Random) -> list[dict[str, object]]:
    """Everyone's profile and first quarter's ratings; ids E00001..; two 李娜 on purpose."""
    skills = skill_ids()
    out = []
    for i in range(count):
        if i < len(LATIN):
            name = LATIN[i]
        elif i in (10, 11):
            name = "李娜"
        else:
            name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))
        years = rng.randint(0, 15)
        base = min(5, 1 + years // 3)
        team = i % len(TEAMS)
        out.append(
            {
                "id": f"E{i + 1:05}",
                "name": name,
                "team": TEAMS[team],
                "manager": MANAGERS[team],
                "years": years,
                "managing": rng.randint(0, max(0, years - 4)),
                "degrees": [rng.choice(["bachelor", "master", "mba", "ms_cs"])],
                "network": rng.randint(20, 3000),
                "ratings": {s: max(1, min(5, base + rng.randint(-1, 1))) for s in skills},
            }
        )
    return out


def grow(person: dict[str, object], rng: random.Random) -> None:
    """A quarter later: half a year more, a point up on a skill or two; one in twenty slips."""
    ratings = person["ratings"]
    assert isinstance(ratings, dict)
    person["years"] = float(person["years"]) + 0.5  # type: ignore[arg-type]
    step = -1 if rng.random() < 0.05 else 1
    for skill in rng.sample(sorted(ratings), 2):
        ratings[skill] = max(1, min(5, ratings[skill] + step))


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_person(folder: Path, person: dict[str, object]) -> None:
    ratings = person["ratings"]
    assert isinstance(ratings, dict)
    lines = [
        "[profile]",
        f"id = {_quote(str(person['id']))}",
        f"name = {_quote(str(person['name']))}",
        f"team = {_quote(str(person['team']))}",
        f"manager = {_quote(str(person['manager']))}",
        f"years_experience = {person['years']}",
        f"years_managing = {person['managing']}",
        "degrees = [" + ", ".join(_quote(d) for d in person["degrees"]) + "]",  # type: ignore[attr-defined]
        f"network_size = {person['network']}",
        "",
        "[ratings]",
        *(f"{k} = {v}" for k, v in ratings.items()),
    ]
    (folder / f"{person['id']}.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_reviews(folder: Path, everyone: list[dict[str, object]], rng: random.Random) -> int:
    """A manager's review of each person (the lenient manager a point up, the harsh a point
    down); three named peers for every fifth person. The number of reviews written."""
    reviews = folder / "reviews"
    reviews.mkdir()
    written = 0
    for n, person in enumerate(everyone):
        ratings = person["ratings"]
        assert isinstance(ratings, dict)
        manager = str(person["manager"])
        lean = 1 if "lenient" in manager else -1 if "harsh" in manager else 0
        raters = [("manager", manager, lean)]
        if n % 5 == 0:
            peers = rng.sample([p for p in everyone if p is not person][:200], 3)
            raters += [("peer", str(p["name"]), 0) for p in peers]
        for k, (role, by, shift) in enumerate(raters):
            lines = [
                "[review]",
                f"about = {_quote(str(person['name']))}",
                f"about_id = {_quote(str(person['id']))}",
                f"role = {_quote(role)}",
                f"by = {_quote(by)}",
                "",
                "[ratings]",
            ]
            for skill, value in ratings.items():
                lines.append(f"{skill} = {max(1, min(5, value + shift + rng.choice((-1, 0, 0, 1))))}")
            (reviews / f"{person['id']}-{k}.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
            written += 1
    return written


def write_roster(path: Path, everyone: list[dict[str, object]]) -> None:
    """Everyone, and one person the roster expects who never answered."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["id", "name", "team", "manager"])
        for person in everyone:
            out.writerow([person["id"], person["name"], person["team"], person["manager"]])
        out.writerow(["E99999", "未提交 Missing", TEAMS[0], MANAGERS[0]])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--quarters", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    everyone = people(args.people, rng)
    args.out.mkdir(parents=True, exist_ok=True)
    for q in range(1, args.quarters + 1):
        folder = args.out / f"q{q}"
        folder.mkdir()
        for person in everyone:
            write_person(folder, person)
        reviews = write_reviews(folder, everyone, rng)
        print(f"{folder}: {len(everyone)} people, {reviews} reviews")
        for person in everyone:
            grow(person, rng)
    write_roster(args.out / "roster.csv", everyone)


if __name__ == "__main__":
    main()
