"""A terminal a test can look at: the installed pmpath in a pseudo-terminal, its bytes rendered
by a terminal emulator (pyte), so assertions are about what a person sees."""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
from pathlib import Path

import pexpect
import pyte


def pmpath_command() -> str:
    beside = Path(sys.executable).parent / "pmpath"
    return str(beside) if beside.exists() else str(shutil.which("pmpath"))


class Terminal:
    def __init__(self, tmp_path: Path, *args: str, cols: int = 80, rows: int = 60, **env: str) -> None:
        environ = {
            k: v
            for k, v in os.environ.items()
            if k not in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR", "PMPATH_LANG", "LANG", "LC_ALL")
        }
        environ.update(
            TERM="xterm-256color",
            PROMPT_TOOLKIT_NO_CPR="1",
            COLUMNS=str(cols),
            LINES=str(rows),
            HOME=str(tmp_path),
            XDG_DATA_HOME=str(tmp_path / "data"),
            PAGER="cat",
        )
        environ.update(env)
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.received = bytearray()
        self.child = pexpect.spawn(
            pmpath_command(), list(args), env=environ, dimensions=(rows, cols), timeout=20, cwd=str(tmp_path)
        )

    def settle(self, quiet: float = 0.4, limit: float = 15.0) -> str:
        """Feed output to the emulator until the program has been quiet for `quiet` seconds."""
        end = time.monotonic() + limit
        last = time.monotonic()
        while time.monotonic() < end:
            try:
                data = self.child.read_nonblocking(65536, timeout=0.05)
            except pexpect.TIMEOUT:
                # quiet only counts once the program has said something: under coverage a
                # start-up takes over a second, and a silent screen then is not a settled one
                if self.received and time.monotonic() - last >= quiet:
                    break
                continue
            except pexpect.EOF:
                break
            self.stream.feed(data)
            self.received += data
            last = time.monotonic()
        return self.text()

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def transcript(self) -> str:
        """Everything the program printed, escape sequences removed: for what scrolled away."""
        text = self.received.decode("utf-8", "replace")
        # OSC sequences (titles, OSC 8 hyperlinks) end in BEL or in ESC \\ (ST)
        return re.sub(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][0-9A-B]|[=>])", "", text)

    def flat(self) -> str:
        """The screen with all whitespace removed: wrapping moves line breaks, not words."""
        return "".join(self.text().split())

    def wait_for(self, fragment: str, limit: float = 15.0) -> str:
        end = time.monotonic() + limit
        while time.monotonic() < end:
            self.settle(quiet=0.15, limit=1.0)
            if "".join(fragment.split()) in self.flat():
                return self.text()
        raise AssertionError(f"{fragment!r} never appeared on the screen:\n{self.text()}")

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def close(self) -> int:
        self.child.expect(pexpect.EOF, timeout=20)
        self.child.close()
        return self.child.exitstatus if self.child.exitstatus is not None else -1
