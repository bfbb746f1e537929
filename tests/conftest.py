"""Shared fixtures: the real catalogue, answers builders, and a fixed terminal."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import Phase, settings

from pmpath.catalog import data_dir, load_catalog
from pmpath.models import Answers, Catalog, validate

ROOT = Path(__file__).resolve().parent.parent

# Hypothesis budgets (a property's own @settings(max_examples=...) wins over any of these).
# `ci` (set by .ci/run): a budget that finishes (issue 37), the same examples on every run
# (derandomized, no example database), so a red CI is a change in the code, never a lucky draw.
settings.register_profile(
    "ci", max_examples=300, derandomize=True, database=None, deadline=None, print_blob=True
)
# `thorough`: for a local run before a change to a loader or the sanitizer
# (`HYPOTHESIS_PROFILE=thorough pytest tests/test_fuzz.py`): 1,500 random examples a property,
# what CI ran before issue 37.
settings.register_profile("thorough", max_examples=1500, deadline=None, print_blob=True)
# `dev`: the quick default locally.
settings.register_profile("dev", max_examples=150, deadline=None)
# `coverage`: a run under coverage is slow and shares two cores with the workers it traces;
# hypothesis' default 200 ms deadline failed there on timing alone.
settings.register_profile(
    "coverage", max_examples=100, derandomize=True, database=None, deadline=None, print_blob=True
)
# `mutation`: scripts/mutation.sh; the same examples for every mutant, so a survivor is one.
# A failing example is not shrunk: the mutant is caught, and shrinking would cost its timeout.
settings.register_profile(
    "mutation",
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

# A shell without job control starts a background command (`pytest &`, a CI step sent to the
# background) with Ctrl-C ignored, and every pmpath a test starts would inherit that: the tests
# that send SIGINT would see a cohort run to the end. The suite gives its children Ctrl-C back.
if sys.platform != "win32":
    import signal

    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="session")
def levels_text() -> str:
    return (data_dir() / "levels.toml").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def courses_text() -> str:
    return (data_dir() / "courses.toml").read_text(encoding="utf-8")


def make_answers(
    catalog: Catalog,
    *,
    years: float,
    managing: float = 0,
    rating: int = 3,
    degrees: tuple[str, ...] = (),
    network: int = 100,
    name: str = "Test Person",
    **ratings: int,
) -> Answers:
    all_ratings = {s: rating for s in catalog.skill_ids}
    all_ratings.update(ratings)
    return validate(
        Answers,
        {
            "profile": {
                "name": name,
                "years_experience": years,
                "years_managing": managing,
                "degrees": list(degrees),
                "network_size": network,
            },
            "ratings": all_ratings,
        },
    )


def answers_toml(catalog: Catalog, **overrides: Any) -> str:
    """A valid answers file as text; overrides replace whole lines by key."""
    lines = [
        "[profile]",
        'name = "Test Person"',
        "years_experience = 6",
        "years_managing = 1",
        'degrees = ["bachelor"]',
        "network_size = 800",
        "",
        "[ratings]",
    ]
    lines += [f"{s} = 3" for s in catalog.skill_ids]
    text = "\n".join(lines) + "\n"
    for key, value in overrides.items():
        import re

        text = re.sub(rf"(?m)^{key} = .*$", f"{key} = {value}", text)
    return text


class Result:
    def __init__(self, code: int, stdout: str, stderr: str) -> None:
        self.exit_code, self.stdout, self.stderr = code, stdout, stderr


@pytest.fixture
def invoke(monkeypatch, capsys):
    """Run the real CLI boundary in-process (error mapping included), with optional stdin."""
    from pmpath.cli import run

    def _invoke(*args: str, stdin: str | bytes | None = None) -> Result:
        if stdin is not None:
            data = stdin.encode() if isinstance(stdin, str) else stdin
            fake = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
            monkeypatch.setattr(sys, "stdin", fake)
        capsys.readouterr()
        with pytest.raises(SystemExit) as exc:
            run(list(args))
        out = capsys.readouterr()
        code = exc.value.code
        return Result(code if isinstance(code, int) else 0, out.out, out.err)

    return _invoke


def run_in_process(
    args: list[str], env: dict[str, str], *, stdin: str = "", cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`pmpath ARGS` through the real CLI boundary in this process, reported as
    `subprocess.run(..., capture_output=True, text=True, env=env)` reports a child: a module's
    behaviour tests share one interpreter instead of starting one each (issue 37), while
    tests/test_entry_point.py runs the installed script once per command. The environment, the
    standard streams and the working directory are the child's for the call, then restored."""
    from pmpath import catalog, history
    from pmpath.cli import run

    # what a new process starts without: the runs it said it skips, the ladders it has read
    # (a ladder edited in place between two commands is read again)
    history._WARNED.clear()
    catalog.load_catalog.cache_clear()
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    out, err = io.BytesIO(), io.BytesIO()
    ours = (  # kept here: a wrapper collected closes its buffer
        io.TextIOWrapper(io.BytesIO(stdin.encode()), encoding="utf-8"),
        io.TextIOWrapper(out, encoding="utf-8", write_through=True),
        io.TextIOWrapper(err, encoding="utf-8", write_through=True),
    )
    sys.stdin, sys.stdout, sys.stderr = ours
    os.environ.clear()
    os.environ.update(env)
    code: int | str | None = 0
    try:
        if cwd is not None:
            os.chdir(cwd)
        run(list(args))
    except SystemExit as exit_:
        code = exit_.code
    finally:
        for stream in ours[1:]:
            stream.flush()
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        os.environ.clear()
        os.environ.update(saved_env)
        os.chdir(saved_cwd)
    returncode = code if isinstance(code, int) else (0 if code is None else 1)
    text = {name: b.getvalue().decode("utf-8", "replace") for name, b in (("out", out), ("err", err))}
    return subprocess.CompletedProcess(["pmpath", *args], returncode, text["out"], text["err"])


@pytest.fixture
def fixed_terminal(monkeypatch):
    """Golden output needs a known width and no colour, whatever terminal runs the tests."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    for var in ("FORCE_COLOR", "TTY_COMPATIBLE", "LINES"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory, monkeypatch):
    """Every test gets its own data directory: runs recorded by one never reach another, nor the
    history of the person running the suite."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data")))


@pytest.fixture(autouse=True)
def _alone_when_timed(request, tmp_path_factory) -> Iterator[None]:
    """A test marked `alone` (a time bound on processes it starts: a cohort must stop within 10 s)
    runs with the other xdist workers waiting between their tests, so its bound measures pmpath,
    not a neighbour: every test holds a shared lock, an `alone` test the exclusive one. One
    process (`-n 0`) or no flock (Windows): nothing to wait for."""
    if not os.environ.get("PYTEST_XDIST_WORKER") or sys.platform == "win32":
        yield
        return
    import fcntl

    lock = tmp_path_factory.getbasetemp().parent / "alone.lock"  # one per session, every worker's
    exclusive = request.node.get_closest_marker("alone") is not None
    with open(lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


_NEEDS_PTY = ("Terminal(", "spawn(", "pexpect.")
"""What a test that drives a pseudo-terminal calls (tests/screen.py, pexpect)."""

_NEEDS_BROWSER = ("run_browser(", "chromium()", "sync_playwright")
"""What a test that drives Chromium calls (tests/test_html.py's helpers, Playwright); the
`browser` fixture is the other way in."""


def needs_pty(source: str) -> bool:
    return any(call in source for call in _NEEDS_PTY)


def needs_browser(item: pytest.Item, source: str) -> bool:
    return "browser" in getattr(item, "fixturenames", ()) or any(call in source for call in _NEEDS_BROWSER)


SMOKE = {
    # what each dependency does for pmpath, run once against its lowest allowed version
    "tests/test_cli.py": "typer parsing, rich rendering, usage errors",
    "tests/test_answers.py": "pydantic validation (file, field, line), tomli-w round trip",
    "tests/test_core.py": "the golden reports, hypothesis properties",
    "tests/test_html.py": "Jinja2 HTML, drawn in Chromium",
    "tests/test_markdown.py": "markdown-it-py, pymarkdownlnt",
    "tests/test_schema_template.py": "jsonschema, the answers template",
    "tests/test_history.py::test_two_runs_give_a_history_of_two": "platformdirs, the history",
    "tests/test_e2e_terminal.py::test_full_questionnaire_in_a_terminal": "questionary, pexpect",
    "tests/test_screens.py::test_a_skill_question_shows_every_option_whole_and_leaves_one_line[80-zh]": (
        "pyte, prompt_toolkit's screens"
    ),
    "tests/test_accessibility.py::test_the_report[zh-390]": "Playwright, axe-playwright-python",
    "tests/test_programme.py::test_action_is_composite": "PyYAML reads action.yml",
}
"""The lowest-versions run of .ci/run (`-m smoke`): each dependency's use, by node id prefix.
The whole suite runs once, with the newest versions, under coverage."""


def _mark_smoke(items: list[pytest.Item]) -> None:
    """tests/test_style.py checks that every entry still names a test."""
    for item in items:
        if any(item.nodeid.startswith(prefix) for prefix in SMOKE):
            item.add_marker(pytest.mark.smoke)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests that drive a pseudo-terminal are marked `pty`, and skipped only where there is none
    (Windows): everything else runs on every system (.github/workflows/ci.yml). Tests that drive
    a pseudo-terminal or a browser are marked `slow` too (`pytest -m "not slow"` for a quick
    local loop); CI and the README's command run them all."""
    import inspect

    _mark_smoke(items)
    skip = pytest.mark.skip(reason="needs a pseudo-terminal; this system has none")
    for item in items:
        function = getattr(item, "function", None)
        if function is None:
            continue
        source = inspect.getsource(function)
        if "big_cohort" in getattr(item, "fixturenames", ()):  # tests/test_hostile.py's stop bounds
            item.add_marker(pytest.mark.alone)
        if needs_browser(item, source):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)
        # marked by hand where a helper of the test's module drives the terminal
        if not (item.get_closest_marker("pty") or needs_pty(source)):
            continue
        item.add_marker(pytest.mark.pty)
        item.add_marker(pytest.mark.slow)
        if not hasattr(os, "openpty"):
            item.add_marker(skip)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """The system Chromium driven by Playwright (tests/test_form.py, tests/test_accessibility.py);
    skipped where Playwright is not installed, failed in CI where Chromium is missing."""
    sync_api = pytest.importorskip("playwright.sync_api")
    from test_html import chromium

    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        yield launched
        launched.close()


def assess_all(items, catalog, min_level, jobs=0, render=None, extra=None):
    """One pass of a cohort over `items`, as pmpath.cohortrun runs it (a Runner of its own)."""
    from pmpath.batch import NO_EXTRA, Runner

    with Runner(catalog, min_level, jobs, render) as runner:
        yield from runner.assess(lambda: items, NO_EXTRA if extra is None else extra)


def markdown_problems(path: Path) -> str:
    """What pymarkdownlnt says of a Markdown file, every rule but line length (tables and anchors
    are long lines); empty when it passes."""

    lint = subprocess.run(
        [sys.executable, "-m", "pymarkdown", "--disable-rules", "md013", "scan", str(path)],
        capture_output=True,
        text=True,
    )
    return "" if lint.returncode == 0 else (lint.stdout + lint.stderr or "pymarkdown failed")
