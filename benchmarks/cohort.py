"""Cohort throughput and memory: `pmpath cohort` against merely reading and parsing the files.

For each size N it writes N answer files, then runs, in the same session:
  * the baseline: one process that reads and parses every file with tomllib, nothing else;
  * `pmpath cohort DIR --format json` (stdout to /dev/null), the installed command;
  * the same with `--jobs 1`, to show what the second core adds.
It prints files/s for each, the ratio to the baseline (goal at 10,000 files: >= 1.3), the
gain over --jobs 1, and each run's peak RSS from the child's own rusage (os.wait4), so memory
can be compared from 1k to 100k files.

With --programme SIZES it also measures what a training programme runs: the same people plus a
manager's review for every tenth of them, once with reviews only and once with a report per
person (--reports, HTML), against the parse-only loop over the same files. Beside the reports it
prints their floor: as many files of the reports' median size, written atomically by bare
Python processes on every core, nothing assessed or rendered. A ratio below 1.3 there means no
renderer could give a report per person within 1.3x of the parse-only loop on this machine. The
last line puts the reports against that floor, measured in the same run (issue 39's bound: at
least 1,000 reports a second on 2 cores, or within 3x the floor).

    python benchmarks/cohort.py [--sizes 1000,10000,100000] [--repeat 3] [--programme 10000]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from installed import pmpath_exe  # noqa: E402

BASELINE = """
import os, sys, tomllib
root = sys.argv[1]
for name in sorted(os.listdir(root)):
    with open(os.path.join(root, name), "rb") as handle:
        tomllib.loads(handle.read().decode("utf-8"))
"""


def skill_ids() -> list[str]:
    import tomllib

    with open(ROOT / "data" / "levels.toml", "rb") as handle:
        return [s["id"] for s in tomllib.load(handle)["skills"]]


def generate(directory: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    skills = skill_ids()
    for i in range(count):
        years = rng.randint(0, 15)
        lines = [
            "[profile]",
            f'name = "Person {i}"',
            f"years_experience = {years}",
            f"years_managing = {rng.randint(0, max(0, years - 4))}",
            f'degrees = ["{rng.choice(["bachelor", "master", "mba", "ms_cs"])}"]',
            f"network_size = {rng.randint(20, 3000)}",
            "",
            "[ratings]",
        ]
        base = min(5, 1 + years // 3)
        lines += [f"{s} = {max(1, min(5, base + rng.randint(-1, 1)))}" for s in skills]
        (directory / f"p{i:06}.toml").write_text("\n".join(lines) + "\n")


def add_reviews(directory: Path, count: int, seed: int = 11) -> int:
    """A manager's review of every tenth person, in a reviews/ directory among the answers."""
    rng = random.Random(seed)
    skills = skill_ids()
    reviews = directory / "reviews"
    reviews.mkdir()
    for i in range(0, count, 10):
        lines = ["[review]", f'about = "Person {i}"', 'role = "manager"', "", "[ratings]"]
        lines += [f"{s} = {rng.randint(1, 5)}" for s in rng.sample(skills, 6)]
        (reviews / f"r{i:06}.toml").write_text("\n".join(lines) + "\n")
    return len(range(0, count, 10))


BASELINE_RECURSIVE = """
import os, sys, tomllib
for root, dirs, files in os.walk(sys.argv[1]):
    dirs.sort()
    for name in sorted(files):
        with open(os.path.join(root, name), "rb") as handle:
            tomllib.loads(handle.read().decode("utf-8"))
"""


FLOOR = """
import os, sys, tempfile
out, first, last, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
data = b"x" * size
for i in range(first, last):
    fd, tmp = tempfile.mkstemp(dir=out, prefix=".r")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, os.path.join(out, f"r{i}.html"))
"""


def write_floor(directory: Path, count: int, size: int, processes: int) -> float:
    """Seconds to write `count` files of `size` bytes atomically (a temporary file, then a
    rename, as pmpath writes each report), split over `processes`: the least any run with a
    report per person can take, with nothing rendered at all."""
    directory.mkdir(exist_ok=True)
    share = -(-count // processes)
    start = time.perf_counter()
    children = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                FLOOR,
                str(directory),
                str(i * share),
                str(min(count, (i + 1) * share)),
                str(size),
            ]
        )
        for i in range(processes)
    ]
    if any(child.wait() != 0 for child in children):
        raise SystemExit("the write floor failed")
    return time.perf_counter() - start


def programme(pmpath: str, size: int, repeat: int) -> None:
    """Reviews among the files, then a report per person too; and, to read that second figure
    against, the floor: the reports' bytes written with no assessing or rendering at all."""
    work = Path(tempfile.mkdtemp(prefix=f"pmpath-programme-{size}-"))
    try:
        generate(work, size)
        files = size + add_reviews(work, size)
        out = work.parent / f"{work.name}-reports"
        cohort = [pmpath, "cohort", str(work), "--format", "json", "--no-github-summary"]
        runs: dict[str, list[tuple[float, float, int]]] = {"base": [], "reviews": [], "reports": []}
        floors: list[float] = []
        for _ in range(repeat):
            runs["base"].append(run([sys.executable, "-c", BASELINE_RECURSIVE, str(work)]))
            runs["reviews"].append(run(cohort))
            runs["reports"].append(run([*cohort, "--reports", str(out), "--force"]))
            written = [p.stat().st_size for p in out.iterdir() if p.suffix == ".html"]
            floor_dir = work.parent / f"{work.name}-floor"
            floors.append(
                write_floor(floor_dir, len(written), int(statistics.median(written)), os.cpu_count() or 1)
            )
            shutil.rmtree(floor_dir, ignore_errors=True)
        base = statistics.median(r[0] for r in runs["base"])
        for label in ("reviews", "reports"):
            took = statistics.median(r[0] for r in runs[label])
            print(
                f"{files:>8} {files / base:>9,.0f}/s {files / took:>9,.0f}/s {base / took:>6.2f}  "
                f"{'with reviews' if label == 'reviews' else 'with reviews and a report per person'}"
                f"  RSS {max(r[1] for r in runs[label]):.1f}MB"
            )
        floor = statistics.median(floors)
        print(
            f"{files:>8} {files / base:>9,.0f}/s {size / floor:>9,.0f}/s {base / floor:>6.2f}  "
            f"floor: only writing {size:,} report-sized files atomically, on every core (no pmpath)"
        )
        reports = statistics.median(r[0] for r in runs["reports"])
        extra = reports - statistics.median(r[0] for r in runs["reviews"])
        print(
            f"reports: {size / reports:,.0f} people/s with a report each ({size / extra:,.0f} reports/s "
            f"beyond the run without them); {reports / floor:.1f}x the floor (bound: >= 1,000 reports/s "
            f"on 2 cores, or within 3x the floor)"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(work.parent / f"{work.name}-reports", ignore_errors=True)


def run(cmd: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB, and exit code of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:  # no gate is asked for: anything but 0 is a failure, and its time means nothing
        raise SystemExit(f"{' '.join(cmd[:3])} failed with {code}: {proc.stderr.read().decode()[-500:]}")
    return elapsed, usage.ru_maxrss / 1024, code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--programme", default="", help="sizes for the programme runs, e.g. 10000")
    args = parser.parse_args()
    pmpath = pmpath_exe()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"medians of {args.repeat} runs, interleaved; pmpath cohort uses --format json > /dev/null\n")
    print(
        f"{'files':>8} {'parse-only':>12} {'pmpath':>12} {'ratio':>6} {'--jobs 1':>12} {'x jobs 1':>8} "
        f"{'RSS parse':>10} {'RSS pmpath':>11}"
    )
    for size in (int(s) for s in args.sizes.split(",") if s):
        work = Path(tempfile.mkdtemp(prefix=f"pmpath-cohort-{size}-"))
        try:
            generate(work, size)
            cohort = [pmpath, "cohort", str(work), "--format", "json", "--no-github-summary"]
            base_runs, tool_runs, serial_runs = [], [], []
            for _ in range(args.repeat):
                base_runs.append(run([sys.executable, "-c", BASELINE, str(work)]))
                tool_runs.append(run(cohort))
                serial_runs.append(run([*cohort, "--jobs", "1"]))
            base = statistics.median(r[0] for r in base_runs)
            tool = statistics.median(r[0] for r in tool_runs)
            serial = statistics.median(r[0] for r in serial_runs)
            print(
                f"{size:>8} {size / base:>9,.0f}/s {size / tool:>9,.0f}/s {base / tool:>6.2f} "
                f"{size / serial:>9,.0f}/s {serial / tool:>8.2f} "
                f"{max(r[1] for r in base_runs):>8.1f}MB {max(r[1] for r in tool_runs):>9.1f}MB"
            )
        finally:
            shutil.rmtree(work, ignore_errors=True)

    if args.programme:
        print(
            f"\n{'files':>8} {'parse-only':>12} {'pmpath':>12} {'ratio':>6}  programme runs (--format json)"
        )
        for size in (int(s) for s in args.programme.split(",")):
            programme(pmpath, size, args.repeat)


if __name__ == "__main__":
    main()
