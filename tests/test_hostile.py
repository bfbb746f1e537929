"""Hostile input, crowded machines and careless users (issue 9): one test per class of attack.

Each runs the installed `pmpath` as a user or a CI job would. Stopping is checked as a user
sees it: the exit code, how long the stop took (a hang detector with a generous bound, not a
timing test), no temp file and no process left behind.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmpath.text import portable, visible

from conftest import ROOT

PMPATH = str(Path(sys.executable).parent / "pmpath")
ALICE = (ROOT / "examples" / "alice.toml").read_text()
STOP_BOUND = 10.0
"""Seconds a stop may take before the test calls it a hang (measured here: under 0.2 s)."""


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR", "CI", "GITHUB_STEP_SUMMARY")
    }
    env.update(
        HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"), XDG_CACHE_HOME=str(tmp_path / "cache")
    )
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def big_cohort(tmp_path_factory) -> Path:
    """24,000 answer files: past the 2,000 at which workers start, and big enough (~2 s) to stop
    midway however fast the cohort gets (6,000 took 0.5 s once parsing was fast)."""
    root = tmp_path_factory.mktemp("big")
    for i in range(24000):  # 24,000 people: one name in two files is one person twice (issue 39)
        (root / f"p{i:05}.toml").write_text(ALICE.replace("Alice Chen", f"Person {i}"))
    return root


def _marked_processes(mark: str) -> list[int]:
    """Processes (workers, the fork server) started by the run that carries `mark`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if mark.encode() in (entry / "environ").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def _start_cohort(big_cohort: Path, tmp_path: Path, *extra: str) -> tuple[subprocess.Popen[str], str]:
    mark = f"PMPATH_TEST_MARK={uuid.uuid4().hex}"
    env = _env(tmp_path, PMPATH_TEST_MARK=mark.split("=", 1)[1])
    proc = subprocess.Popen(
        [PMPATH, "cohort", str(big_cohort), "--format", "json", *extra],
        stdout=subprocess.PIPE if "--output" not in extra else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    return proc, mark


def _wait_stopped(proc: subprocess.Popen[str], mark: str) -> tuple[float, str]:
    start = time.monotonic()
    try:
        _, stderr = proc.communicate(timeout=STOP_BOUND)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail(f"pmpath cohort did not stop within {STOP_BOUND} s (it hangs)")
    took = time.monotonic() - start
    deadline = time.monotonic() + 3
    while _marked_processes(mark) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _marked_processes(mark) == [], "worker processes were left running"
    return took, stderr


def _workers(proc: subprocess.Popen[str], mark: str) -> list[int]:
    """Workers are the fork server's children: marked, but neither pmpath nor its children."""
    return [p for p in _marked_processes(mark) if p != proc.pid and _parent(p) not in (proc.pid, -1)]


def _wait_until_working(proc: subprocess.Popen[str], mark: str) -> None:
    """Until the workers exist: the stop must come while the pool runs."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if _workers(proc, mark):
            return
        time.sleep(0.02)
    pytest.fail("the cohort never started its workers")


@pytest.mark.slow
@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
@pytest.mark.parametrize("delay", [0.0, 0.3])
def test_a_signal_stops_a_parallel_cohort(big_cohort, tmp_path, sig, code, delay):
    out = tmp_path / "cohort.json"
    proc, mark = _start_cohort(big_cohort, tmp_path, "--output", str(out), "--jobs", "2")
    _wait_until_working(proc, mark)
    time.sleep(delay)
    proc.send_signal(sig)
    took, stderr = _wait_stopped(proc, mark)
    assert proc.returncode == code, stderr
    assert "Traceback" not in stderr and stderr.count("\n") <= 2, stderr
    assert not out.exists() and list(tmp_path.glob(".cohort.json.*")) == []
    assert took < STOP_BOUND


@pytest.mark.slow
def test_a_killed_worker_fails_the_cohort_cleanly(big_cohort, tmp_path):
    out = tmp_path / "cohort.json"
    proc, mark = _start_cohort(big_cohort, tmp_path, "--output", str(out), "--jobs", "2")
    _wait_until_working(proc, mark)
    os.kill(_workers(proc, mark)[0], signal.SIGKILL)  # as the OOM killer would
    _, stderr = _wait_stopped(proc, mark)
    assert proc.returncode == 2
    assert "worker process died" in stderr and "Traceback" not in stderr
    assert not out.exists() and list(tmp_path.glob(".cohort.json.*")) == []


@pytest.mark.slow
def test_a_fork_server_started_early_ends_with_a_failed_cohort(big_cohort, tmp_path):
    """The fork server starts before options are checked (it boots while the catalogue loads);
    a cohort that then fails on a bad option must not leave it behind."""
    proc, mark = _start_cohort(big_cohort, tmp_path, "--min-level", "nobody", "--jobs", "2")
    _, stderr = _wait_stopped(proc, mark)  # asserts no marked process is left
    assert proc.returncode == 2 and "unknown level id" in stderr


@pytest.mark.slow
def test_workers_import_the_installed_pmpath_not_a_folder_in_the_working_directory(big_cohort, tmp_path):
    """Run from a directory holding another `pmpath` package (a checkout of another version, a
    fork), the workers must use the code the command runs, as the parent does."""
    impostor = tmp_path / "pmpath"
    impostor.mkdir()
    (impostor / "__init__.py").write_text("raise SystemExit('the impostor pmpath was imported')\n")
    proc = subprocess.run(
        [PMPATH, "cohort", str(big_cohort), "--format", "json", "--jobs", "2"],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        cwd=tmp_path,
        timeout=STOP_BOUND * 4,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "" and json.loads(proc.stdout)["summary"]["people"] == 24000


def _parent(pid: int) -> int:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return -1
    for line in lines:
        if line.startswith("PPid:"):
            return int(line.split()[1])
    return -1


@pytest.mark.slow
def test_a_closed_pipe_ends_quietly(big_cohort, tmp_path):
    proc, mark = _start_cohort(big_cohort, tmp_path, "--jobs", "2")
    assert proc.stdout is not None
    proc.stdout.read(200_000)
    proc.stdout.close()
    _, stderr = _wait_stopped(proc, mark)
    assert proc.returncode in (0, 141), stderr
    assert stderr == ""


@pytest.mark.slow
def test_a_full_disk_fails_with_one_line_and_no_temp(big_cohort, tmp_path):
    disk = tmp_path / "small"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(disk)], capture_output=True, check=False
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {mounted.stderr.decode().strip()}")
    try:
        proc, mark = _start_cohort(big_cohort, tmp_path, "--output", str(disk / "c.json"))
        _, stderr = _wait_stopped(proc, mark)
        assert proc.returncode == 2
        assert "No space left on device" in stderr and len(stderr.strip().splitlines()) == 1
        assert sorted(os.listdir(disk)) == []
    finally:
        subprocess.run(["umount", str(disk)], check=False)


# ------------------------------------------------------------------ 2. per-file isolation


def _cohort(tmp_path: Path, *paths: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PMPATH, "cohort", *paths, "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(tmp_path, **env),
    )


def test_one_bad_file_is_one_error_row(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "ok.toml").write_text(ALICE)
    (folder / "digits.toml").write_text(ALICE.replace("network_size = 800", "network_size = " + "9" * 5000))
    (folder / "deep.toml").write_text(".".join(["k"] * 60_000) + " = 1\n")
    os.mkfifo(folder / "fifo.toml")  # would block a reader forever
    result = _cohort(tmp_path, str(folder))
    assert result.returncode == 2, result.stderr
    data = json.loads(result.stdout)
    assert data["summary"]["people"] == 1
    errors = {Path(e["file"]).name: e["message"] for e in data["errors"]}
    assert set(errors) == {"digits.toml", "deep.toml", "fifo.toml"}
    assert "4300 digits" in errors["digits.toml"]
    assert "dotted parts" in errors["deep.toml"]
    assert "not a regular file" in errors["fifo.toml"]
    assert "Traceback" not in result.stderr and "bug in pmpath" not in result.stderr


def test_a_file_name_that_is_not_utf8_is_assessed_and_written(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.toml"), "wb") as handle:
        handle.write(ALICE.encode())
    out = tmp_path / "c.json"
    result = subprocess.run(
        [PMPATH, "cohort", str(folder), "--format", "json", "--output", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    (person,) = json.loads(out.read_text())["people"]
    assert person["file"].endswith("caf\\xe9.toml")


def test_dev_zero_as_answers_is_refused_without_reading_it_all(tmp_path):
    result = subprocess.run(
        [PMPATH, "assess", "--answers", "/dev/zero"],
        capture_output=True,
        text=True,
        timeout=20,
        env=_env(tmp_path),
    )
    assert result.returncode == 2
    assert "/dev/zero: file is too large" in result.stderr


# ------------------------------------------------------------------ 3. everyone once


def test_links_and_repeats_count_everyone_once(tmp_path):
    folder = tmp_path / "c"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.toml").write_text(ALICE)
    (folder / "sub" / "b.toml").write_text(ALICE.replace("Alice Chen", "Bo"))
    (folder / "loop").symlink_to("loop")  # a self-loop: must not hide its directory
    (folder / "up").symlink_to("..")  # back to the parent: must not multiply anyone
    (folder / "sub" / "again").symlink_to("..")
    (folder / "sub" / "hard.toml").hardlink_to(folder / "a.toml")
    (folder / "sub" / "soft.toml").symlink_to(folder / "a.toml")
    result = _cohort(tmp_path, str(folder), str(folder), str(folder / "a.toml"))
    data = json.loads(result.stdout)
    names = sorted(p["name"] for p in data["people"])
    assert names == ["Alice Chen", "Bo"], names
    assert any("loop" in e["file"] for e in data["errors"])  # reported, not silently dropped


def test_an_unlistable_directory_is_reported(tmp_path, monkeypatch):
    from pmpath.cohort import ErrorRow
    from pmpath.discovery import expand

    folder = tmp_path / "c"
    (folder / "locked").mkdir(parents=True)
    (folder / "a.toml").write_text(ALICE)
    real = os.scandir

    def scandir(path):  # as root, permissions do not stop a read: simulate one that fails
        if os.fsdecode(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(expand([str(folder)]))
    errors = [i for i in items if isinstance(i, ErrorRow)]
    assert [e.message for e in errors] == [
        f"{folder / 'locked'}: cannot list the directory: Permission denied"
    ]
    assert [i for i in items if isinstance(i, str)] == [str(folder / "a.toml")]


# ------------------------------------------------------------------ 4. user text never drives the terminal

HOSTILE_NAMES = [
    "\x1b[2J\x1b[HEve",
    "\x1b]0;pwned\x07Mal",
    "\x1b]8;;http://x\x1b\\link",
    "Ann\u202eevil",
    "Nul\x00l",
    "C1\x9bx",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_names_and_file_names_are_shown_not_obeyed(tmp_path, name):
    folder = tmp_path / "c"
    folder.mkdir()
    safe_name = name.replace("\x00", "")  # a NUL cannot be in a file name or TOML
    (folder / f"{safe_name.replace('/', '_')}.toml").write_text(
        ALICE.replace('name = "Alice Chen"', f"name = {json.dumps(safe_name)}")
    )
    (folder / "bad\nname.toml").write_text("not toml")
    result = subprocess.run(
        [PMPATH, "cohort", str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(tmp_path, COLUMNS="200"),  # no effect on a pipe: 80 cells, the name wraps
    )
    for stream in (result.stdout, result.stderr):
        assert "\x1b" not in stream and "\x9b" not in stream and "\u202e" not in stream
    lines = result.stdout.splitlines()
    head = next(i for i, line in enumerate(lines) if line.lstrip().startswith("Name"))
    second = lines[head].index("Level")
    column = "".join(line[:second].strip() for line in lines[head + 2 :] if line.strip()).split("Levels")[0]
    assert visible(safe_name) in column  # shown whole, spelled out, in its own column
    lines = result.stderr.splitlines()
    assert all(not line.startswith("::") for line in lines)
    assert any("bad\\nname.toml" in line for line in lines)


@given(st.text())
def test_visible_leaves_no_control_characters(text):
    out = visible(text)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in out)
    assert not any(c in out for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
    assert "\n" not in out
    out.encode("utf-8")  # never a lone surrogate


@given(st.text())
def test_visible_keeps_ordinary_text(text):
    plain = "".join(c for c in text if c.isprintable() and not 0xD800 <= ord(c) <= 0xDFFF and c not in "\\")
    plain = "".join(c for c in plain if visible(c) == c)
    assert visible(plain) == plain
    assert portable(plain) == plain


DOTNET_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
DOTNET_SPACE += "\u2028\u2029\u202f\u205f\u3000"
"""Every character .NET's Char.IsWhiteSpace knows: what the runner's TrimStart takes before `::`."""
NAME_SPACE = " \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
"""The ones of those that stay raw in a name (the rest `visible` spells out)."""


def _live_commands(text: str) -> list[str]:
    """The lines GitHub's runner would obey: split as .NET's ReadLine splits (CR, LF, CRLF);
    `::` after TrimStart (every Unicode space), or `##[...]` anywhere (ActionCommand.TryParse)."""
    import re

    live = []
    for line in re.split(r"\r\n|\r|\n", text):
        trimmed = line.lstrip(DOTNET_SPACE)
        new_form = trimmed.startswith("::") and "::" in trimmed[2:]
        if new_form or ("##[" in line and "]" in line[line.index("##[") :]):
            live.append(line)
    return live


@pytest.mark.parametrize("space", ["", *DOTNET_SPACE])
@pytest.mark.parametrize("form", ["::error::x", "##[error]x", "::add-mask::y"])
def test_no_commands_defuses_every_form_after_every_space(space, form):
    from pmpath.text import no_commands

    for text in (space + form, "a" + space + form, "line\n" + space + form, "line\r" + space + form):
        assert _live_commands(text) or (form.startswith("::") and text[0] == "a")
        out = no_commands(text)
        assert _live_commands(out) == [], repr(out)
        assert no_commands(out) == out  # once is enough: a second pass changes nothing


@given(st.text(alphabet=st.sampled_from([":", "#", "[", "]", "a", *DOTNET_SPACE])))
def test_no_text_keeps_a_live_command(text):
    from pmpath.text import no_commands

    assert _live_commands(no_commands(text)) == []


@given(st.text())
def test_json_reads_the_same_data_after_the_command_rule(text):
    from pmpath.text import no_commands

    document = json.dumps({"name": text}, ensure_ascii=False)
    assert json.loads(no_commands(document)) == {"name": text}


def _command_names() -> list[str]:
    names = []
    for i, space in enumerate(NAME_SPACE):
        names.append(f"{space}::error::n{i}")
        names.append(f"a{space}##[error]n{i}")
    return names


def test_names_carrying_commands_reach_no_log_line(tmp_path):
    """Both command forms after every kind of space a name may hold: the table, the CSV (on
    stdout and in its file), JSON (still the same names), the Markdown summary and stderr."""
    folder = tmp_path / "c"
    folder.mkdir()
    names = _command_names()
    for i, name in enumerate(names):
        text = ALICE.replace('name = "Alice Chen"', f"name = {json.dumps(name)}")
        (folder / f"{i:02}.toml").write_text(text)
    (folder / "##[error]bad.toml").write_text("not toml")
    (folder / "\u3000::error::bad.toml").write_text("not toml")
    summary = tmp_path / "summary.md"
    outputs = {}
    for fmt in ("table", "csv", "json", "md"):
        done = subprocess.run(
            [PMPATH, "cohort", str(folder), "--format", fmt, "--github-summary"],
            capture_output=True,
            text=True,
            timeout=120,
            env=_env(tmp_path, GITHUB_STEP_SUMMARY=str(summary)),
        )
        assert done.returncode == 2, done.stderr
        assert _live_commands(done.stdout) == [], fmt
        assert _live_commands(done.stderr) == [], fmt
        assert "##\\u005berror]bad.toml" in done.stderr and "Traceback" not in done.stderr
        outputs[fmt] = done.stdout
    assert {p["name"] for p in json.loads(outputs["json"])["people"]} == set(names)
    assert _live_commands(summary.read_text()) == []
    csv_file = tmp_path / "c.csv"
    made = [PMPATH, "cohort", str(folder), "-o", str(csv_file)]
    subprocess.run(made, env=_env(tmp_path), capture_output=True, check=False)
    assert _live_commands(csv_file.read_text()) == []
    assert "a\u3000##\\u005berror]n" in csv_file.read_text() and "\u3000\\::error::n" in outputs["csv"]


# ------------------------------------------------------------------ 5. no lost answers


def test_resume_values_are_checked_one_by_one(catalog):
    from pmpath.questionnaire import build_questions, from_data

    questions = build_questions(catalog)
    data = {
        "profile": {"name": "Pat", "years_experience": "seven", "years_managing": 1, "network_size": 500},
        "ratings": {"strategy": 9, "communication": 4, "delegation": True},
    }
    kept, rejected = from_data(data, questions)
    assert kept == {
        "profile.name": "Pat",
        "profile.years_managing": 1,
        "profile.network_size": 500,
        "ratings.communication": 4,
    }
    assert set(rejected) == {"profile.years_experience", "ratings.strategy", "ratings.delegation"}


def test_interrupted_runs_are_kept_side_by_side(tmp_path, monkeypatch):
    from pmpath import interactive

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    sessions = [interactive.Session("en") for _ in range(4)]
    paths = []
    for n, session in enumerate(sessions):
        path, why = session.keep({"profile.name": f"Run {n}", "profile.years_experience": n})
        assert why is None
        paths.append(path)
    assert len(set(paths)) == 4
    slots = interactive.list_slots(20)
    assert sorted(s.name for s in slots) == ["Run 0", "Run 1", "Run 2", "Run 3"]
    claimed = interactive.claim(slots[0])
    assert claimed.exists() and not slots[0].path.exists()
    with pytest.raises(Exception, match="just resumed by another"):
        interactive.claim(slots[0])


def test_an_unwritable_data_directory_never_stops_the_report(tmp_path, monkeypatch):
    from pmpath import interactive

    blocker = tmp_path / "data"
    blocker.write_text("a file where the data directory should be")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    path, why = interactive.Session("en").keep({"profile.name": "Pat"})
    assert path is None and why


# ------------------------------------------------------------------ 6. writes respect what is there


def _assess_to(tmp_path: Path, target: str, *extra: str) -> subprocess.CompletedProcess[str]:
    answers = tmp_path / "a.toml"
    answers.write_text(ALICE)
    return subprocess.run(
        [PMPATH, "assess", "--answers", str(answers), "--format", "json", "--output", target, *extra],
        capture_output=True,
        text=True,
        timeout=30,
        env=_env(tmp_path),
    )


def test_force_refuses_a_fifo(tmp_path):
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    result = _assess_to(tmp_path, str(fifo), "--force")
    assert result.returncode == 2 and "not a regular file" in result.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_force_keeps_the_mode_and_new_files_follow_the_umask(tmp_path):
    kept = tmp_path / "kept.json"
    kept.write_text("{}")
    kept.chmod(0o664)
    assert _assess_to(tmp_path, str(kept), "--force").returncode == 0
    assert stat.S_IMODE(os.stat(kept).st_mode) == 0o664
    fresh = tmp_path / "fresh.json"
    old = os.umask(0o022)
    try:
        assert _assess_to(tmp_path, str(fresh)).returncode == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(fresh).st_mode) == 0o644


def test_dash_means_stdout(tmp_path):
    result = _assess_to(tmp_path, "-")
    assert result.returncode == 0 and json.loads(result.stdout)["level"]["id"]
    assert not (tmp_path / "-").exists()


def test_a_live_writers_temp_is_not_ours_to_delete(tmp_path):
    from pmpath.files import _clean_stale_temps

    live = tmp_path / f".out.json.pmpath.{os.getppid()}.abcd1234.tmp"
    dead = tmp_path / ".out.json.pmpath.999999999.abcd1234.tmp"
    live.write_text("x")
    dead.write_text("x")
    _clean_stale_temps(tmp_path, "out.json")
    assert live.exists() and not dead.exists()


@pytest.mark.slow
def test_eight_concurrent_writers_all_succeed(tmp_path):
    answers = tmp_path / "a.toml"
    answers.write_text(ALICE)
    target = tmp_path / "same.json"
    procs = [
        subprocess.Popen(
            [PMPATH, "assess", "-a", str(answers), "-f", "json", "-o", str(target), "--force"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(tmp_path),
        )
        for _ in range(8)
    ]
    results = [(p.wait(timeout=60), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    assert [code for code, _ in results] == [0] * 8, results
    assert json.loads(target.read_text())["schema_version"] == 1
    assert list(tmp_path.glob(".same.json.*")) == []


# ------------------------------------------------------------------ 7. a cache that checks itself


def test_a_tampered_cache_is_not_trusted(tmp_path, monkeypatch):
    import pmpath.catalog as catalog_module

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("PMPATH_NO_CACHE", raising=False)
    catalog_module.load_catalog.cache_clear()
    try:
        honest = catalog_module.load_catalog()
        (cached,) = (tmp_path / "pmpath").glob("catalog-*.json")
        digest, _, body = cached.read_text().partition("\n")
        data = json.loads(body)
        for level in data["levels"]:
            level["skill_minimums"] = {k: 1 for k in level["skill_minimums"]}
            level["min_years_experience"] = level["min_years_managing"] = 0
        cached.write_text(digest + "\n" + json.dumps(data))
        catalog_module.load_catalog.cache_clear()
        assert catalog_module.load_catalog() == honest
    finally:
        catalog_module.load_catalog.cache_clear()


def test_a_fifo_in_place_of_the_cache_does_not_hang(tmp_path):
    env = _env(tmp_path)
    subprocess.run([PMPATH, "levels", "-f", "json"], capture_output=True, timeout=30, env=env, check=True)
    (cached,) = (tmp_path / "cache" / "pmpath").glob("catalog-*.json")
    cached.unlink()
    os.mkfifo(cached)
    result = subprocess.run(
        [PMPATH, "levels", "-f", "json"], capture_output=True, text=True, timeout=30, env=env
    )
    assert result.returncode == 0 and json.loads(result.stdout)


# ------------------------------------------------------------------ 9. pmpath owns its exit codes


@pytest.mark.parametrize("args", [["-V"], ["levels", "-f", "json"]])
def test_closed_pipe_is_quiet(tmp_path, args):
    shell = f"{PMPATH} {' '.join(args)} | true; echo ${{PIPESTATUS[0]}}"
    result = subprocess.run(
        ["bash", "-c", shell], capture_output=True, text=True, timeout=30, env=_env(tmp_path)
    )
    assert result.stdout.strip() in ("0", "141")
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr


@pytest.mark.parametrize(
    "args", [["-V"], ["levels"], ["assess", "-a", str(ROOT / "examples" / "alice.toml")]]
)
def test_a_full_stdout_is_exit_2_with_one_line(tmp_path, args):
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [PMPATH, *args], stdout=full, stderr=subprocess.PIPE, text=True, env=_env(tmp_path)
        )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "No space left on device" in result.stderr


def test_an_encoding_that_cannot_show_chinese_is_exit_2(tmp_path):
    result = subprocess.run(
        [PMPATH, "levels", "--lang", "zh"],
        capture_output=True,
        timeout=30,
        env=_env(tmp_path, PYTHONIOENCODING="ascii"),
    )
    assert result.returncode == 2
    assert b"cannot show this text" in result.stderr and b"Traceback" not in result.stderr


def test_an_output_name_too_long_is_exit_2(tmp_path):
    result = _assess_to(tmp_path, str(tmp_path / ("x" * 300 + ".json")))
    assert result.returncode == 2 and "File name too long" in result.stderr


def test_ctrl_c_is_130_not_typers_silent_exit(tmp_path, big_cohort):
    proc, mark = _start_cohort(big_cohort, tmp_path, "--jobs", "1", "--output", str(tmp_path / "x.json"))
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    _, stderr = _wait_stopped(proc, mark)
    assert proc.returncode == 130 and "interrupted" in stderr


# ------------------------------------------------------------------ 10. small inputs that cost a lot


def test_jobs_are_capped_at_the_core_count():
    from pmpath.batch import workers_for

    assert workers_for(300, False) == (os.cpu_count() or 1)
    assert workers_for(1, True) == 1


def test_a_huge_dotted_key_is_refused_before_parsing(tmp_path):
    from pmpath.errors import InputError
    from pmpath.parsing import parse_toml

    start = time.monotonic()
    with pytest.raises(InputError, match="dotted parts"):
        parse_toml(".".join(["a"] * 60_000) + " = 1\n", "deep.toml")
    assert time.monotonic() - start < STOP_BOUND  # tomllib alone takes about a minute


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/<pid>/status")
def test_the_fork_server_never_takes_a_ctrl_c_while_it_starts(tmp_path):
    """The fork server shares the terminal, and a Ctrl-C that came while it was still importing
    pmpath printed its traceback under "pmpath: interrupted". From its first instant to the
    end of its start-up, SIGINT is held (blocked) or ignored there, never caught."""
    probe = """
import time
from multiprocessing import forkserver
from pmpath import batch
batch._helpers()
pid = forkserver._forkserver._forkserver_pid
seen = []
end = time.monotonic() + 3
while time.monotonic() < end:
    fields = dict(line.split(":", 1) for line in open(f"/proc/{pid}/status"))
    mask = {k: int(fields[k], 16) for k in ("SigBlk", "SigIgn", "SigCgt")}
    seen.append(mask)
    if mask["SigIgn"] & 2:  # SIGINT (2) ignored: the server's own handlers are in place
        break
print(len(seen), sum(1 for m in seen if m["SigCgt"] & 2 and not m["SigBlk"] & 2))
"""
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=30, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    looks, exposed = map(int, done.stdout.split())
    assert looks > 1 and exposed == 0
