"""The mutation score of the core, from mutmut's CI/CD stats: killed (timeouts count as killed:
the mutant made the code loop) over all mutants less the equivalent ones. Exit 1 below 90%, or
when a survivor is not listed as equivalent (a change no test noticed, to kill or to explain).

scripts/mutation-equivalent.txt lists equivalent mutants, one `name  # reason` a line: a mutant
is equivalent when no input can observe it (e.g. a sort key's tie-break among equal values).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TARGET = 0.90


def main(stats_path: str, equivalent_path: str, results_path: str) -> int:
    stats = json.loads(Path(stats_path).read_text(encoding="utf-8"))
    equivalent = [
        line.split("#", 1)[0].strip()
        for line in Path(equivalent_path).read_text(encoding="utf-8").splitlines()
        if line.split("#", 1)[0].strip()
    ]
    survivors = [
        line.split(":")[0].strip()
        for line in Path(results_path).read_text(encoding="utf-8").splitlines()
        if line.strip().endswith(": survived")
    ]
    unexplained = sorted(set(survivors) - set(equivalent))
    for name in unexplained:
        print(f"survived, not listed as equivalent: {name}")
    counted = stats["total"] - len(equivalent) - stats["skipped"]
    killed = stats["killed"] + stats["timeout"]
    score = killed / counted if counted else 1.0
    print(
        f"mutants {stats['total']}: killed {stats['killed']}, timeout {stats['timeout']}, "
        f"survived {stats['survived']}, no tests {stats['no_tests']}, equivalent {len(equivalent)}; "
        f"score {score:.1%} (target {TARGET:.0%})"
    )
    if stats["survived"] or stats["no_tests"]:
        print("survivors: python -m mutmut results; one: python -m mutmut show NAME")
    return 0 if score >= TARGET and not unexplained else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3]))
