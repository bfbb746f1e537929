"""`pmpath` and `python -m pmpath`: one door, typer's (pmpath.cli).

On a Python older than pmpath needs, this file is never compiled: importing the package ran
pmpath/_guard.py first, which said so and exited (this file's syntax is 3.11's)."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    # pmpath uses no pydantic plugins; without this pydantic scans every installed package's
    # entry points (importlib.metadata, ~20 ms and growing with the environment) on first use.
    # It is pydantic's own switch, read by pydantic in this process only.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    from pmpath.cli import run

    run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    main()
