"""What both benchmarks measure against: the installed `pmpath`, its modules compiled."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


def pmpath_exe() -> str:
    """The `pmpath` beside this interpreter, else the one on PATH; compiled first.

    pip compiles the modules of an installed wheel, but an editable install run with
    PYTHONDONTWRITEBYTECODE=1 (set on some CI images and on the development machine) never
    writes .pyc files: every run would then time compiling pmpath's sources as well.
    """
    beside = Path(sys.executable).parent / "pmpath"
    found = str(beside) if beside.exists() else shutil.which("pmpath")
    if not found:
        sys.exit("pmpath is not installed in this environment (pip install -e .)")
    subprocess.run(
        [sys.executable, "-c", "import compileall, os, pmpath; compileall.compile_dir("
         "os.path.dirname(pmpath.__file__), quiet=1)"],
        check=True,
    )  # fmt: skip
    return found
