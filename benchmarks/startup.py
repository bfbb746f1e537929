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
TARGETS = {"--version": 2.0, "--help": 15.0, "assess --answers one.toml --format json": 20.0}


def pmpath_exe() -> str:
    beside = Path(sys.executable).parent / "pmpath"
    found = str(beside) if beside.exists() else shutil.which("pmpath")
    if not found:
        sys.exit("pmpath is not installed in this environment (pip install -e .)")
    return found


def timed(cmd: list[str], cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    exe = pmpath_exe()
    work = tempfile.mkdtemp(prefix="pmpath-bench-")
    shutil.copy(ROOT / "examples" / "alice.toml", Path(work) / "one.toml")
    commands = {"F = python -c pass": [sys.executable, "-c", "pass"]}
    commands |= {f"pmpath {c}": [exe, *c.split()] for c in TARGETS}
    for cmd in commands.values():  # warm the file cache and .pyc files
        timed(cmd, work)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.rounds):
        for name, cmd in commands.items():
            samples[name].append(timed(cmd, work))
    base = statistics.median(samples["F = python -c pass"])
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"rounds: {args.rounds} (interleaved), medians\n")
    print(f"{'command':48} {'median':>9} {'x F':>7} {'target':>8}")
    for name, values in samples.items():
        median = statistics.median(values)
        target = TARGETS.get(name.removeprefix("pmpath "))
        verdict = "" if target is None else f"<= {target:g}" + (" ok" if median / base <= target else " MISS")
        print(f"{name:48} {median * 1000:7.1f}ms {median / base:7.1f} {verdict:>8}")


if __name__ == "__main__":
    main()
