"""Never a traceback, never lost work: no terminal, killed writers, hostile text, clean output."""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pmpath.errors import InputError, OutputExistsError
from pmpath.files import atomic_writer, write_atomic

from conftest import ROOT, answers_toml

PMPATH = str(Path(sys.executable).parent / "pmpath")
ANSI = re.compile(r"\x1b\[")


def _env(**extra: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR", "CI")
    }
    env.update(extra)
    return env


def _assert_no_terminal(code: int, stderr: str) -> None:
    assert code == 2, stderr
    assert "needs a terminal" in stderr and "--answers" in stderr
    assert "Traceback" not in stderr


@pytest.mark.parametrize("stdin", ["pipe-with-data", "devnull"])
def test_no_terminal_exits_2(stdin, tmp_path):
    kwargs = {"input": "\n"} if stdin == "pipe-with-data" else {"stdin": subprocess.DEVNULL}
    result = subprocess.run(
        [PMPATH, "assess"], capture_output=True, text=True, timeout=20, env=_env(HOME=str(tmp_path)), **kwargs
    )
    _assert_no_terminal(result.returncode, result.stderr)
    assert result.stdout == ""


def test_no_terminal_with_stdin_closed(tmp_path):
    result = subprocess.run(
        [PMPATH, "assess"],
        capture_output=True,
        text=True,
        timeout=20,
        env=_env(HOME=str(tmp_path)),
        preexec_fn=lambda: os.close(0),
    )
    _assert_no_terminal(result.returncode, result.stderr)


def test_no_terminal_with_an_open_pipe_nobody_writes_to(tmp_path):
    """The CI case: stdin is a pipe that stays open. questionary alone would wait forever."""
    proc = subprocess.Popen(
        [PMPATH, "assess"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(HOME=str(tmp_path)),
    )
    try:
        code = proc.wait(timeout=20)  # stdin is still open: only a guard makes this return
        stderr = proc.stderr.read()
    finally:
        proc.kill()
        proc.stdin.close()
    _assert_no_terminal(code, stderr)


def test_resume_with_answers_is_a_usage_error(invoke):
    result = invoke("assess", "--resume", "--answers", str(ROOT / "examples" / "alice.toml"))
    assert result.exit_code == 2
    assert "--resume" in result.stderr


def test_resume_without_a_saved_questionnaire(invoke, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setattr("pmpath.prompts.stdin_is_interactive", lambda: True)
    result = invoke("assess", "--resume")
    assert result.exit_code == 2
    assert "no interrupted questionnaire to resume" in result.stderr


# ------------------------------------------------------------------ atomic writes

WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from pmpath.files import atomic_writer
    with atomic_writer(Path(sys.argv[1]), force=True) as handle:
        handle.write("new half " * 10000)
        handle.flush()
        print("writing", flush=True)
        time.sleep(60)
        handle.write("never")
    """
)


def test_killed_writer_leaves_the_old_file_intact(tmp_path):
    target = tmp_path / "plan.md"
    target.write_text("old plan\n")
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "writing"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert target.read_text() == "old plan\n"
    stray = [p.name for p in tmp_path.iterdir() if p.name != "plan.md"]
    assert len(stray) == 1 and stray[0].startswith(".plan.md.")  # SIGKILL cannot clean up...
    write_atomic(target, "new plan\n", force=True)
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]  # ...the next write does
    assert target.read_text() == "new plan\n"


def test_a_write_failing_half_way_changes_nothing(tmp_path):
    target = tmp_path / "plan.md"
    target.write_text("old plan\n")

    def body() -> None:
        with atomic_writer(target, force=True) as handle:
            handle.write("half of the new plan")
            raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(InputError, match="No space left on device"):
        body()
    assert target.read_text() == "old plan\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]


def test_no_clobber_even_if_the_file_appears_during_the_write(tmp_path):
    target = tmp_path / "plan.md"

    def race() -> None:
        with atomic_writer(target) as handle:
            handle.write("mine")
            target.write_text("someone else's")

    with pytest.raises(OutputExistsError, match="already exists"):
        race()
    assert target.read_text() == "someone else's"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]


def test_missing_directory_is_a_clear_error(invoke, tmp_path):
    result = invoke(
        "assess", "-a", str(ROOT / "examples" / "alice.toml"), "-o", str(tmp_path / "no" / "x.md")
    )
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


# ------------------------------------------------------------------ output hygiene


def test_rich_markup_in_a_name_prints_literally(invoke, catalog, tmp_path, fixed_terminal):
    path = tmp_path / "eve.toml"
    path.write_text(answers_toml(catalog).replace('"Test Person"', '"[bold red]Eve[/] [link=x]y[/link]"'))
    out = invoke("assess", "-a", str(path)).stdout
    assert "[bold red]Eve[/] [link=x]y[/link]" in out


@pytest.mark.parametrize(
    "command", [["assess", "-a", "examples/alice.toml"], ["cohort", "examples/cohort"], ["skills"]]
)
def test_piped_output_has_no_escape_codes(command):
    result = subprocess.run(
        [PMPATH, *command], capture_output=True, text=True, cwd=ROOT, env=_env(TERM="xterm")
    )
    assert result.returncode == 0
    assert not ANSI.search(result.stdout)


def test_no_color_in_a_real_terminal_has_no_escape_codes(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(
        PMPATH,
        ["assess", "-a", str(ROOT / "examples" / "alice.toml"), "--no-pager"],
        env=_env(TERM="xterm-256color", NO_COLOR="1"),
        dimensions=(50, 100),
        encoding="utf-8",
        timeout=20,
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Senior Product Manager" in child.before
    assert not ANSI.search(child.before)


def test_a_terminal_gets_the_report_through_the_pager_and_a_pipe_never(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    paged = tmp_path / "paged.txt"
    env = _env(TERM="xterm-256color", PAGER=f"cat > {paged}")
    child = pexpect.spawn(
        PMPATH, ["assess", "-a", str(ROOT / "examples" / "alice.toml")], env=env, encoding="utf-8", timeout=20
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    text = paged.read_text()
    assert (
        text.startswith("Alice Chen · Level: Senior Product Manager")
        and "Roadmap to Chief Product Officer" in text
    )
    piped = subprocess.run(
        [PMPATH, "assess", "-a", str(ROOT / "examples" / "alice.toml")],
        capture_output=True,
        text=True,
        env=_env(PAGER=f"cat > {tmp_path / 'never.txt'}"),
        timeout=20,
    )
    assert "Roadmap to Chief Product Officer" in piped.stdout and not (tmp_path / "never.txt").exists()


def test_history_show_pages_a_report_at_a_terminal_as_assess_does(tmp_path):
    """Issue 41: `history show N` printed a whole report past the screen; at a terminal it goes
    through the pager now, `--no-pager` and a pipe print it."""
    pexpect = pytest.importorskip("pexpect")
    env = _env(TERM="xterm-256color", PAGER=f"cat > {tmp_path / 'made.txt'}")
    made = subprocess.run(
        [PMPATH, "assess", "-a", str(ROOT / "examples" / "alice.toml"), "-f", "json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=20,
    )
    assert made.returncode == 0, made.stderr
    paged = tmp_path / "paged.txt"
    env["PAGER"] = f"cat > {paged}"
    for args, pages in ((["history", "show", "1"], True), (["history", "show", "1", "--no-pager"], False)):
        child = pexpect.spawn(PMPATH, args, env=env, encoding="utf-8", timeout=20)
        child.expect(pexpect.EOF)
        printed = child.before or ""
        child.close()
        assert child.exitstatus == 0
        assert paged.exists() is pages and ("Roadmap to Chief Product Officer" in printed) is not pages
        if pages:
            assert paged.read_text().startswith("Alice Chen · Level: Senior Product Manager")
            paged.unlink()
    piped = subprocess.run(
        [PMPATH, "history", "show", "1"], capture_output=True, text=True, env=env, timeout=20
    )
    assert "Roadmap to Chief Product Officer" in piped.stdout and not paged.exists()


def test_json_stays_pure_when_stderr_has_messages(invoke, tmp_path, catalog):
    (tmp_path / "bad.toml").write_text("nonsense = [")
    (tmp_path / "ok.toml").write_text(answers_toml(catalog))
    result = invoke("cohort", str(tmp_path), "-f", "json", "--min-level", "cpo", "--keep-going")
    assert result.stderr  # the bad file and the gate are reported...
    assert json.loads(result.stdout)["summary"]["errors"] == 1  # ...and stdout is still one JSON document


# ------------------------------------------------------------------ atomic writes, the rarer paths


def test_write_atomic_refuses_a_directory_and_a_missing_parent(tmp_path):
    from pmpath.errors import InputError
    from pmpath.files import write_atomic

    with pytest.raises(InputError, match="is a directory; give a file name"):
        write_atomic(tmp_path, "x")
    with pytest.raises(InputError, match="does not exist"):
        write_atomic(tmp_path / "no" / "file.txt", "x")
    (tmp_path / "plain").write_text("")
    with pytest.raises(InputError, match="does not exist"):
        write_atomic(tmp_path / "plain" / "file.txt", "x")  # a file where a directory should be


def test_write_atomic_reports_text_it_cannot_encode_and_leaves_no_temp(tmp_path):
    from pmpath.errors import InputError
    from pmpath.files import write_atomic

    with pytest.raises(InputError, match="not valid Unicode"):
        write_atomic(tmp_path / "out.txt", "bad \udc80 surrogate")
    assert list(tmp_path.iterdir()) == []


def test_write_atomic_without_hard_links_still_never_clobbers(tmp_path, monkeypatch):
    import os

    from pmpath.errors import OutputExistsError
    from pmpath.files import write_atomic

    def no_links(*_a, **_k):
        raise PermissionError("hard links not supported")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "out.txt"
    write_atomic(target, "first")
    assert target.read_text() == "first"
    with pytest.raises(OutputExistsError):
        write_atomic(target, "second")
    assert target.read_text() == "first" and len(list(tmp_path.iterdir())) == 1


def test_a_stale_temp_of_a_live_writer_is_kept_and_of_a_dead_one_removed(tmp_path):
    import os

    from pmpath.files import write_atomic

    mine = tmp_path / f".out.txt.pmpath.{os.getpid()}.abc_1234.tmp"
    mine.write_text("in progress")
    dead = tmp_path / ".out.txt.pmpath.999999999.abc_1234.tmp"
    dead.write_text("left behind")
    write_atomic(tmp_path / "out.txt", "done")
    assert mine.exists() and not dead.exists()
