"""Start-up cost of pmpath commands against a bare typer app with one command (T).

Runs every command and the baselines interleaved, N rounds, from the installed console script,
and prints the medians of the CPU time each process used (user + system, from wait4) and of
its wall time, with the CPU ratio to T. Interleaving spreads machine noise evenly; CPU time is
what the bound is about (issue 37: `pmpath --help` and `assess -a FILE -f json` within 1.6x T),
wall time is what a person waits. `python -c pass` (F) is shown for scale.

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
    "--version": None,
    "--help": 1.6,
    "assess --answers one.toml --format json": 1.6,
    "assess --answers one.toml --format json --no-history": None,
    "assess --answers one.toml --format html --no-history": None,
    "history --name Alice": None,
    "progress --name Alice": None,
    "evidence list --name Alice": None,
    "packet --name Alice --format json": None,
    "packet --name Alice --format html": None,
    "form --force --output form.html": None,
    "form --review Alice --lang zh --force --output review.html": None,
    "cohort cohort --format json": None,
}
"""Issue 37's bounds, as multiples of T's CPU time; the other commands are figures."""
BARE = """import typer

app = typer.Typer()


@app.command()
def main(name: str = "world") -> None:
    print(f"hello {name}")


app()
"""
"""T: typer's own cost for one command with one option, the floor of any typer CLI."""
SEEDED_RUNS = 1000
SEEDED_EVIDENCE = 300
"""Alice's evidence log: an entry a week for six years."""


def timed(cmd: list[str], cwd: str) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one run of `cmd`."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = 0  # reaped by wait4: Popen must not wait for it again
    return usage.ru_utime + usage.ru_stime, wall


def seed_history(work: str, runs: int) -> None:
    """A history of `runs` runs (half of them Alice's), as a person assessed weekly for years."""
    env = {**os.environ, "XDG_DATA_HOME": str(Path(work) / "data")}
    code = f"""
import json
from pmpath import history
from pmpath.answers import read_answers, answers_to_data
from pmpath.catalog import load_catalog
from pmpath.models import dump_json
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
    (Path(work) / "bare.py").write_text(BARE)
    commands = {
        "F = python -c pass": [sys.executable, "-c", "pass"],
        "T = bare typer app, one command": [sys.executable, "bare.py", "--name", "Alice"],
    }
    commands |= {f"pmpath {c}": [exe, *c.split()] for c in TARGETS}
    for name, cmd in commands.items():  # warm the file cache; a command that fails is not timed
        done = subprocess.run(cmd, cwd=work, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.exit(f"{name} failed ({done.returncode}): {done.stderr.strip()[-300:]}")
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    wall: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.rounds):
        for name, cmd in commands.items():
            used, waited = timed(cmd, work)
            cpu[name].append(used)
            wall[name].append(waited)
    base = statistics.median(cpu["T = bare typer app, one command"])
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(
        f"rounds: {args.rounds} (interleaved), medians; "
        f"history seeded with {SEEDED_RUNS} runs, {SEEDED_EVIDENCE} entries\n"
    )
    print(f"{'command':62} {'CPU':>8} {'wall':>8} {'CPU x T':>8} {'bound':>9}")
    for name in commands:
        used, waited = statistics.median(cpu[name]), statistics.median(wall[name])
        target = TARGETS.get(name.removeprefix("pmpath "))
        verdict = "" if target is None else f"<= {target:g}" + (" ok" if used / base <= target else " MISS")
        print(f"{name:62} {used * 1000:6.1f}ms {waited * 1000:6.1f}ms {used / base:8.2f} {verdict:>9}")


if __name__ == "__main__":
    main()
