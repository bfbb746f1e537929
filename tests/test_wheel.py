"""The built wheel carries data/ and works from any directory in a fresh virtual environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    try:
        import hatchling  # noqa: F401

        isolation = ["--no-build-isolation"]
    except ImportError:
        isolation = []
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", *isolation, "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        text=True,
    )
    (built,) = out.glob("pmpath-*.whl")
    return built


def test_wheel_contains_the_data_files(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "pmpath/data/levels.toml" in names and "pmpath/data/courses.toml" in names


def test_installed_wheel_runs_from_another_directory(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"
    target = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # Install only pmpath from the wheel; the dependencies come from this test environment,
    # appended after the new venv's own site-packages so the wheel's pmpath is the one found.
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--target", target, str(wheel)],
        check=True,
        capture_output=True,
        text=True,
    )
    Path(target, "zz_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    answers = elsewhere / "a.toml"
    answers.write_text((ROOT / "examples" / "alice.toml").read_text())
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    where = subprocess.run(
        [str(python), "-c", "import pmpath.catalog as c; print(c.data_dir())"],
        check=True,
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
    ).stdout.strip()
    assert where.startswith(target), where
    result = subprocess.run(
        [str(python), "-m", "pmpath", "assess", "--answers", "a.toml", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["level"]["id"] == "senior_pm"


@pytest.mark.skipif(os.name == "nt", reason="pipx links the command into ~/.local/bin with a symlink here")
def test_the_isolated_install_works_in_a_new_terminal_and_remembers_the_next_day(wheel, tmp_path):
    """The README's everyday route (issue 24 §3), laid out as pipx lays it out: pmpath in a venv
    of its own, its command linked into ~/.local/bin; then a new shell that knows nothing of
    any venv (only HOME and a PATH with ~/.local/bin) runs `pmpath`, and another shell later
    finds the run in the history. Offline: the dependencies come from this environment."""
    home = tmp_path / "home"
    tool = home / ".local" / "share" / "pipx" / "venvs" / "pmpath"
    venv.create(tool, with_pip=False)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(tool / "bin" / "python"),
            "install",
            "--no-deps",
            str(wheel),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    purelib = subprocess.run(
        [str(tool / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(purelib, "zz_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    bindir = home / ".local" / "bin"
    bindir.mkdir(parents=True)
    (bindir / "pmpath").symlink_to(tool / "bin" / "pmpath")
    (home / "me.toml").write_text((ROOT / "examples" / "alice.toml").read_text())
    new_terminal = {
        "HOME": str(home),
        "PATH": f"{bindir}{os.pathsep}/usr/bin{os.pathsep}/bin",
        "LANG": "C.UTF-8",
    }

    def shell(line: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["/bin/sh", "-c", line], cwd=home, env=new_terminal, capture_output=True, text=True
        )

    found = shell("command -v pmpath && pmpath --version")
    assert found.returncode == 0 and found.stdout == f"{bindir / 'pmpath'}\npmpath 0.1.0\n", found.stderr
    first = shell("pmpath assess --answers me.toml --format json")
    assert first.returncode == 0 and json.loads(first.stdout)["level"]["id"] == "senior_pm", first.stderr
    next_day = shell("pmpath history --format json")
    assert next_day.returncode == 0, next_day.stderr
    (run,) = json.loads(next_day.stdout)["runs"]
    assert run["name"] == "Alice Chen" and run["level"]["id"] == "senior_pm"
    assert (home / ".local" / "share" / "pmpath").is_dir()  # where the README says data lives
