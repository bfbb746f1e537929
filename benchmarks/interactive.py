"""A returning person's interactive run, in a real terminal (a pty), as multiples of a bare
`python -c pass` (F): how long until the first question shows, pre-filled from the last run
(`pmpath assess --from-last`, and the offer a plain `pmpath assess` makes first), and how long
the report takes to appear once the last answer is confirmed. The history holds 1,000 runs.

    python benchmarks/interactive.py [--rounds 10]

Keystrokes are sent as soon as each prompt shows, so a whole run's time is pmpath's own plus
the pty's round trips, never a person's reading time.
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

import pexpect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from installed import pmpath_exe  # noqa: E402
from startup import SEEDED_RUNS, seed_history  # noqa: E402

ENTER = "\r"
QUESTIONS = 6 + 14  # the profile (the business model included), then every skill of the bundled ladder


def _spawn(exe: str, work: str, *args: str) -> pexpect.spawn:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "FORCE_COLOR")}
    env.update(TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1", NO_COLOR="1", PAGER="cat")
    return pexpect.spawn(
        exe, list(args), env=env, cwd=work, dimensions=(50, 120), encoding="utf-8", timeout=30
    )


def first_question(exe: str, work: str) -> float:
    start = time.perf_counter()
    child = _spawn(exe, work, "assess", "--from-last")
    child.expect(r"name[^\r\n]*Alice")
    took = time.perf_counter() - start
    child.terminate(force=True)
    return took


def offer(exe: str, work: str) -> float:
    start = time.perf_counter()
    child = _spawn(exe, work, "assess")
    child.expect("Start from your last answers")
    took = time.perf_counter() - start
    child.terminate(force=True)
    return took


def whole_run(exe: str, work: str) -> tuple[float, float]:
    """Seconds for the whole pre-filled run (Enter on everything, nothing saved), and of those
    the wait between confirming the answers and the report's save prompt."""
    start = time.perf_counter()
    child = _spawn(exe, work, "assess", "--from-last", "--no-history")
    child.expect(r"name[^\r\n]*Alice")
    for _ in range(QUESTIONS):
        child.send(ENTER)
        child.expect(["✔", "All correct"])
    child.expect("All correct")
    confirmed = time.perf_counter()
    child.send(ENTER)
    child.expect("Save your answers")
    report = time.perf_counter() - confirmed
    child.send("n")
    child.expect("Export your plan")
    child.send("n")
    child.expect(pexpect.EOF)
    return time.perf_counter() - start, report


def bare(work: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], cwd=work, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    exe = pmpath_exe()
    work = tempfile.mkdtemp(prefix="pmpath-bench-interactive-")
    try:
        shutil.copy(ROOT / "examples" / "alice.toml", Path(work) / "one.toml")
        os.environ["XDG_DATA_HOME"] = str(Path(work) / "data")  # never the history of whoever runs this
        seed_history(work, SEEDED_RUNS)
        whole_run(exe, work)  # warm the file cache
        samples: dict[str, list[float]] = {k: [] for k in ("F", "first", "offer", "run", "report")}
        for _ in range(args.rounds):
            samples["F"].append(bare(work))
            samples["first"].append(first_question(exe, work))
            samples["offer"].append(offer(exe, work))
            run, report = whole_run(exe, work)
            samples["run"].append(run)
            samples["report"].append(report)
        base = statistics.median(samples["F"])
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        print(f"rounds: {args.rounds} (interleaved), medians; history seeded with {SEEDED_RUNS} runs\n")
        labels = {
            "F": "F = python -c pass",
            "first": "assess --from-last: first question, pre-filled",
            "offer": "assess: the offer to start from the last answers",
            "report": "confirm the answers -> the report and its save prompt",
            "run": f"whole run, Enter on all {QUESTIONS} questions (pty round trips included)",
        }
        for key, label in labels.items():
            median = statistics.median(samples[key])
            print(f"{label:72} {median * 1000:8.1f}ms {median / base:7.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
