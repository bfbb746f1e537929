"""Windows and macOS (issue 24 §2), checked here where only Linux runs: the main commands run with
the POSIX-only functions removed (no fchmod, O_NONBLOCK, set_blocking, signal masks, fork or fork
server), so a new POSIX-only call on a common path fails here before it fails on a PM's laptop.
The workflow in .github/workflows/ci.yml runs the whole suite on the three systems where the repository lives;
`.ci/lint` type-checks pmpath as each platform's Python reads it (mypy --platform win32, darwin)."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PMPATH = str(Path(sys.executable).parent / "pmpath")

WINDOWS_LIKE = """
import multiprocessing, os, signal

POSIX_ONLY = ("fchmod", "O_NONBLOCK", "set_blocking", "fork", "forkpty", "setsid", "killpg", "getpgid")
for name in POSIX_ONLY:
    if hasattr(os, name):
        delattr(os, name)
for name in ("pthread_sigmask", "SIG_BLOCK", "SIG_SETMASK", "SIG_UNBLOCK", "setitimer", "alarm"):
    if hasattr(signal, name):
        delattr(signal, name)
multiprocessing.get_all_start_methods = lambda: ["spawn"]  # no fork server on Windows
"""
"""Run first in every Python process (the spawned workers too), as sitecustomize."""


def _environment(tmp_path: Path) -> dict[str, str]:
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(WINDOWS_LIKE)
    env = {k: v for k, v in os.environ.items() if k not in ("PMPATH_LANG", "LANG", "LC_ALL", "CI")}
    env.update(
        PYTHONPATH=str(site),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        HOME=str(tmp_path),
    )
    return env


def test_the_removal_itself_takes(tmp_path):
    probe = (
        "import os, signal, multiprocessing as m; "
        "print(hasattr(os, 'fchmod'), hasattr(signal, 'pthread_sigmask'), m.get_all_start_methods())"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], env=_environment(tmp_path), capture_output=True, text=True
    ).stdout
    assert out.split() == ["False", "False", "['spawn']"]


ALICE = str(ROOT / "examples" / "alice.toml")
MANAGER = str(ROOT / "examples" / "reviews" / "alice-manager.toml")
LINES = [
    ["assess", "-a", ALICE, "-f", "json"],
    ["assess", "-a", ALICE, "--review", MANAGER, "-o", "{tmp}/plan.html"],
    ["assess", "-a", ALICE, "-f", "md", "-o", "{tmp}/plan.md"],
    ["assess", "-a", ALICE, "--no-history"],
    ["cohort", str(ROOT / "examples" / "cohort"), "--jobs", "2", "-f", "json", "-o", "{tmp}/cohort.json"],
    ["cohort", str(ROOT / "examples" / "cohort"), "--jobs", "1", "-f", "csv"],
    ["history"],
    ["history", "show", "1", "-f", "md"],
    ["history", "export", "{tmp}/runs.jsonl"],
    ["progress"],
    ["evidence", "add", "strategy", "Wrote the one-year strategy", "--metric", "a → b"],
    ["evidence", "list", "-f", "csv"],
    ["packet", "-o", "{tmp}/packet.html"],
    ["packet", "--lang", "zh"],
    ["template", "-o", "{tmp}/answers.toml"],
    ["levels"],
    ["courses", "--lang", "zh"],
    ["ladder", "check", str(ROOT / "examples" / "ladders" / "gitlab")],
    ["schema", "report"],
]


def test_the_main_commands_run_without_posix_only_functions(tmp_path):
    env = _environment(tmp_path)
    for line in LINES:
        args = [a.replace("{tmp}", str(tmp_path)) for a in line]
        done = subprocess.run([PMPATH, *args], env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, (line, done.stderr[-2000:])
        assert "Traceback" not in done.stderr and "unexpected error" not in done.stderr, line
    assert (tmp_path / "cohort.json").stat().st_size > 1000  # two spawned workers did the work
    assert (tmp_path / "packet.html").read_text().startswith("<!DOCTYPE html>")


class _Kernel32:
    """Windows' OpenProcess / GetExitCodeProcess / CloseHandle, as pmpath calls them."""

    def __init__(self, handle: int, code: int = 0, ok: bool = True) -> None:
        self.handle, self.code, self.ok, self.closed = handle, code, ok, False

    def OpenProcess(self, access: int, inherit: bool, pid: int) -> int:
        assert access == 0x1000 and inherit is False and pid == 4242
        return self.handle

    def GetExitCodeProcess(self, handle: int, out: object) -> bool:
        ctypes.cast(out, ctypes.POINTER(ctypes.c_ulong)).contents.value = self.code
        return self.ok

    def CloseHandle(self, handle: int) -> None:
        self.closed = True


@pytest.mark.parametrize(
    ("kernel", "error", "alive"),
    [
        (_Kernel32(handle=7, code=259), 0, True),  # STILL_ACTIVE
        (_Kernel32(handle=7, code=0), 0, False),  # exited
        (_Kernel32(handle=7, ok=False), 0, True),  # could not ask: keep its files
        (_Kernel32(handle=0), 5, True),  # exists, not ours to open
        (_Kernel32(handle=0), 87, False),  # no such process
    ],
)
def test_a_windows_process_is_asked_whether_it_lives_never_signalled(kernel, error, alive):
    """On Windows os.kill(pid, 0) terminates the process: the liveness check of a leftover
    temporary file must ask the kernel instead, and close what it opened."""
    from pmpath.files import windows_alive

    assert windows_alive(4242, kernel, lambda: error) is alive
    assert kernel.closed is bool(kernel.handle)


def test_pty_tests_are_marked_and_the_rest_are_not(request):
    """Windows skips exactly the tests that drive a terminal: the marking must find them all and
    only them."""
    from conftest import needs_pty

    terminal, spawn = "Termi" + "nal(", "spa" + "wn("  # not literally here: this test needs no pty
    assert needs_pty(f"term = {terminal}tmp_path, 'assess')") and needs_pty(f"child = {spawn}tmp_path)")
    assert not needs_pty("invoke('assess', '-a', str(ALICE))")
    items = request.session.items
    marked = {i.nodeid.split("::")[0] for i in items if i.get_closest_marker("pty")}
    assert "tests/test_e2e_terminal.py" in marked or not any("test_e2e_terminal" in i.nodeid for i in items)
    assert request.node.get_closest_marker("pty") is None


def _older_pythons() -> list[str]:
    """CPython 3.6-3.10 where this machine has one (on PATH, or pyenv's), each one that runs:
    3.6 is the `python3` of RHEL 8 and Ubuntu 18.04, which cannot compile pmpath at all."""
    import glob
    import shutil

    found = {shutil.which(f"python3.{minor}") for minor in (6, 7, 8, 9, 10)}
    found |= set(glob.glob(os.path.expanduser("~/.pyenv/versions/3.*/bin/python3.*[0-9]")))
    works = []
    for python in sorted(p for p in found if p):
        asked = "import sys; print(sys.version_info < (3, 11) and sys.version_info >= (3, 6))"
        with_it = subprocess.run([python, "-c", asked], capture_output=True, text=True)
        if with_it.returncode == 0 and with_it.stdout.strip() == "True":
            works.append(python)
    return works


OLD_PYTHONS = _older_pythons()


@pytest.mark.skipif(not OLD_PYTHONS, reason="no Python older than 3.11 on this machine")
@pytest.mark.parametrize("python", OLD_PYTHONS)
@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", r"pmpath: Python 3\.\d+\.\d+ is too old: pmpath needs Python 3\.11 or newer\nhint: Install"),
        ("zh", r"pmpath: Python 3\.\d+\.\d+ 版本过旧：pmpath 需要 Python 3\.11 或更新版本\n提示：请安装"),
    ],
)
def test_an_older_python_is_told_which_python_pmpath_needs(python, lang, said):
    """A checkout run with an old Python (or an install forced past pip's requires-python) once
    failed on a missing module and called it "a bug in pmpath"."""
    import re

    for args in (["assess", "-a", "examples/alice.toml"], ["--version"], ["cohort", "examples/cohort"]):
        ran = subprocess.run(
            [python, "-m", "pmpath", *args, "--lang", lang],
            cwd=ROOT,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"},
        )
        assert ran.returncode == 2 and ran.stdout == "", (args, ran.stderr)
        assert re.fullmatch(said + r"[^\n]*\n", ran.stderr), ran.stderr


def test_the_python_check_runs_before_anything_else():
    """Where no old Python is at hand: the same check, with this Python claiming to be 3.10."""
    code = (
        "import sys; sys.version_info = (3, 10, 13, 'final', 0)\n"
        "from pmpath.__main__ import main\n"
        "main(['assess', '-a', 'examples/alice.toml'])"
    )
    ran = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert ran.returncode == 2 and ran.stdout == ""
    assert "pmpath needs Python 3.11 or newer" in ran.stderr and "Traceback" not in ran.stderr


def test_the_version_guard_compiles_with_the_oldest_grammar():
    """pmpath/_guard.py runs before anything else on whatever Python starts pmpath: it must
    parse with Python 3.4's grammar (the oldest `ast` can check), so no f-string, annotation or
    walrus, and the package's __init__ must import it before anything else."""
    import ast

    source = (ROOT / "pmpath" / "_guard.py").read_text(encoding="utf-8")
    ast.parse(source, feature_version=(3, 4))
    init = (ROOT / "pmpath" / "__init__.py").read_text(encoding="utf-8")
    ast.parse(init, feature_version=(3, 4))
    body = [node for node in ast.parse(init).body if not isinstance(node, ast.Expr)]
    assert isinstance(body[0], ast.ImportFrom) and [a.name for a in body[0].names] == ["_guard"]


@pytest.mark.parametrize("version", [(3, 6, 15), (3, 0, 1), (3, 10, 13)])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_guard_says_it_in_the_catalogues_words(version, lang):
    from pmpath import _guard
    from pmpath.i18n import T

    said = _guard.too_old(version, ["assess", "--lang", lang], {})
    found = ".".join(map(str, version))
    assert said == (
        f"pmpath: {T('e_old_python', lang, found=found, needed='3.11')}\n"
        f"{T('hint_label', lang)}{T('h_old_python', lang, needed='3.11')}\n"
    )
    assert _guard.too_old((3, 11, 0), [], {}) is None
    assert _guard.too_old((3, 13, 0), [], {}) is None


def test_a_faked_old_python_stops_at_the_package_import():
    code = "import sys; sys.version_info = (3, 6, 9, 'final', 0)\nimport pmpath\nprint('ran on')"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "zh_CN.UTF-8"}
    env.pop("PMPATH_LANG", None)
    ran = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env)
    assert ran.returncode == 2 and ran.stdout == ""
    assert ran.stderr.startswith("pmpath: Python 3.6.9 版本过旧") and "Traceback" not in ran.stderr


@pytest.mark.parametrize(
    ("args", "environ", "lang"),
    [
        (["--lang=zh"], {}, "zh"),
        (["-l", "en"], {"PMPATH_LANG": "zh"}, "en"),
        ([], {"PMPATH_LANG": " ZH-hans"}, "zh"),
        ([], {"LC_ALL": "", "LC_MESSAGES": "zh_TW.UTF-8"}, "zh"),
        ([], {"LANG": "de_DE.UTF-8"}, "en"),
        ([], {}, "en"),
        (["--lang"], {"LANG": "zh_CN.UTF-8"}, "zh"),  # a --lang with no value: the locale decides
    ],
)
def test_the_guard_chooses_the_language_as_pmpath_does(args, environ, lang):
    """--lang (either spelling), then PMPATH_LANG, then the first locale variable set."""
    from pmpath import _guard

    assert _guard._lang(args, environ) == lang


def test_the_guard_still_says_something_without_its_catalogue(monkeypatch, tmp_path):
    """A damaged install (no catalogue file, or a key it lacks): the key and its values, never a
    traceback."""
    from pmpath import _guard

    assert _guard.said("no_such_key_anywhere", "en", found="3.6") == "no_such_key_anywhere 3.6"
    monkeypatch.setattr(_guard.os.path, "dirname", lambda _: str(tmp_path))  # no i18n folder there
    assert _guard.said("e_old_python", "en", found="3.6", needed="3.11") == "e_old_python 3.6 3.11"


def test_the_guard_exits_2_even_when_stderr_is_gone(monkeypatch):
    from pmpath import _guard

    class Closed:
        def write(self, _: str) -> None:
            raise OSError("closed")

        def flush(self) -> None:
            raise OSError("closed")

    monkeypatch.setattr(_guard.sys, "version_info", (3, 6, 9, "final", 0))
    monkeypatch.setattr(_guard.sys, "stderr", Closed())
    with pytest.raises(SystemExit) as stopped:
        _guard.check()
    assert stopped.value.code == 2
