"""`pmpath` and `python -m pmpath`: answer --version before importing anything heavy."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):
        from pmpath import __version__

        sys.stdout.write(f"pmpath {__version__}\n")
        raise SystemExit(0)
    # pmpath uses no pydantic plugins; without this pydantic scans every installed package's
    # entry points (importlib.metadata, ~20 ms and growing with the environment) on first use.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    from pmpath.cli import run

    run(args)


if __name__ == "__main__":
    main()
