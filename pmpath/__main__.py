"""`pmpath` and `python -m pmpath`: answer --version before importing anything heavy."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):
        from pmpath import __version__

        sys.stdout.write(f"pmpath {__version__}\n")
        raise SystemExit(0)
    from pmpath.cli import run

    run(args)


if __name__ == "__main__":
    main()
