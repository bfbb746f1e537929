"""Start-up cost of pmpath commands as multiples of a bare `python -c pass` (F).

Runs every command and the baseline interleaved, N rounds, from the installed console script,
and prints medians and ratios. Interleaving spreads machine noise evenly over all commands.

    python benchmarks/startup.py [--rounds 30]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from installed import pmpath_exe  # noqa: E402

TARGETS: dict[str, float | None] = {
    "--version": 2.0,
    "--help": 6.0,
    "assess --answers one.toml --format json": 12.0,
    "assess --answers one.toml --format json --no-history": 12.0,
    "assess --answers one.toml --format html --no-history": 15.0,
    "history --name Alice": 15.0,
    "progress --name Alice": 15.0,
    "evidence list --name Alice": 15.0,
    "packet --name Alice --format json": 15.0,
    "packet --name Alice --format html": 15.0,
    "form --force --output form.html": 15.0,
    "form --review Alice --lang zh --force --output review.html": 15.0,
    "cohort cohort --format json": None,
}
"""Issue 16's goals, as multiples of F (the seven-person example cohort has none: a figure)."""
SEEDED_RUNS = 1000
SEEDED_EVIDENCE = 300
"""Alice's evidence log: an entry a week for six years."""


def timed(cmd: list[str], cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def seed_history(work: str, runs: int) -> None:
    """A history of `runs` runs (half of them Alice's), as a person assessed weekly for years."""
    env = {**os.environ, "XDG_DATA_HOME": str(Path(work) / "data")}
    code = f"""
import json
from pmpath import history
from pmpath.answers import read_answers, answers_to_data
from pmpath.catalog import load_catalog
from pmpath.report import build_report
catalog = load_catalog()
answers = read_answers({str(Path(work) / "one.toml")!r}, catalog)
rep = build_report(answers, catalog, 2026)
data, text = answers_to_data(answers, catalog), dump_json(rep)
with history.connect(create=True) as conn:
    for n in range({runs}):
        at = f"2024-01-01T00:{{n // 60 % 60:02d}}:{{n % 60:02d}}"
        history.record(conn, at=at, name="Alice" if n % 2 else "Bo", level=rep.level.id,
                       level_name=rep.level.name, answers=data, report_json=text,
                       pmpath_version="bench", lang="en", catalog_hash="x")
    for n in range({SEEDED_EVIDENCE}):
        skill = catalog.skills[n % len(catalog.skills)].id
        history.add_evidence(conn, {{"name": "Alice", "skill": skill, "text": f"Entry {{n}}",
            "date": f"2026-{{n % 12 + 1:02d}}-01", "link": "", "metric": "a -> b" if n % 2 else "",
            "action": "", "added": "2026-01-01T00:00:00"}})
"""
    subprocess.run([sys.executable, "-c", code], env=env, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    exe = pmpath_exe()
    work = tempfile.mkdtemp(prefix="pmpath-bench-")
    shutil.copy(ROOT / "examples" / "alice.toml", Path(work) / "one.toml")
    shutil.copytree(ROOT / "examples" / "cohort", Path(work) / "cohort")
    os.environ["XDG_DATA_HOME"] = str(Path(work) / "data")  # never the history of whoever runs this
    seed_history(work, SEEDED_RUNS)
    commands = {"F = python -c pass": [sys.executable, "-c", "pass"]}
    commands |= {f"pmpath {c}": [exe, *c.split()] for c in TARGETS}
    for name, cmd in commands.items():  # warm the file cache; a command that fails is not timed
        done = subprocess.run(cmd, cwd=work, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.exit(f"{name} failed ({done.returncode}): {done.stderr.strip()[-300:]}")
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.rounds):
        for name, cmd in commands.items():
            samples[name].append(timed(cmd, work))
    base = statistics.median(samples["F = python -c pass"])
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(
        f"rounds: {args.rounds} (interleaved), medians; "
        f"history seeded with {SEEDED_RUNS} runs, {SEEDED_EVIDENCE} entries\n"
    )
    print(f"{'command':62} {'median':>9} {'x F':>7} {'target':>8}")
    for name, values in samples.items():
        median = statistics.median(values)
        target = TARGETS.get(name.removeprefix("pmpath "))
        verdict = "" if target is None else f"<= {target:g}" + (" ok" if median / base <= target else " MISS")
        print(f"{name:62} {median * 1000:7.1f}ms {median / base:7.1f} {verdict:>8}")


if __name__ == "__main__":
    main()
