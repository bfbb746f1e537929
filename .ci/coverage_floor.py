"""CI's coverage gate: every module of pmpath at least FLOOR per cent (statements and branches).

Reads `coverage json` output; prints the modules below the floor and exits 1 if there are any.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

FLOOR = 85.0


def main(path: str) -> int:
    files = json.loads(Path(path).read_text(encoding="utf-8"))["files"]
    low = {name: data["summary"]["percent_covered"] for name, data in files.items()}
    below = {name: pct for name, pct in sorted(low.items()) if pct < FLOOR}
    for name, pct in below.items():
        print(f"coverage below {FLOOR:g}%: {name} {pct:.1f}%")
    print(f"{len(files)} modules measured, {len(below)} below {FLOOR:g}%")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "coverage.json"))
