"""`pmpath --show-completion [SHELL]` and `pmpath --install-completion [SHELL]`.

typer's own options detect the shell from the processes above pmpath and take no name when
shellingham is installed: run from a script, a container's entry point or a CI step, where no
shell is found above, they said "Shell  not supported." and a shell named on the line was
ignored. Here the shell may be named, detection is the fallback, and either failure is one
line saying what to type. The scripts, their installation and the detection are typer's (its
`_completion_shared`, held by the lowest-versions run in CI), so completion behaves as before.
"""

from __future__ import annotations

import sys

from pmpath.errors import Msg
from pmpath.output import err, err_info

FLAGS = ("--show-completion", "--install-completion")
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
PROG, COMPLETE_VAR = "pmpath", "_PMPATH_COMPLETE"


def answer(args: list[str]) -> None:
    """Exit with the request done (or refused), when the line is one: the flag first, at most
    a shell name after it, and `--lang` anywhere. Any other line returns, for typer to say."""
    from pmpath.i18n import resolve_lang, set_lang, split_lang

    lang, rest = split_lang(args)
    if not rest or rest[0] not in FLAGS:
        return
    set_lang(resolve_lang(lang))
    raise SystemExit(run(rest))


def run(args: list[str]) -> int:
    """Print or install the script; the exit code (2: no shell pmpath can serve)."""
    flag, rest = args[0], args[1:]
    if len(rest) > 1 or (rest and rest[0] not in SHELLS):
        err(Msg("e_shell_unsupported", shell=" ".join(rest)))
        return 2
    shell = rest[0] if rest else detected()
    if shell is None:
        err(Msg("e_shell_unknown", flag=flag))
        return 2
    if shell not in SHELLS:
        err(Msg("e_shell_unsupported", shell=shell))
        return 2
    from typer._completion_shared import get_completion_script, install

    if flag == "--show-completion":
        sys.stdout.write(get_completion_script(prog_name=PROG, complete_var=COMPLETE_VAR, shell=shell) + "\n")
        return 0
    shell, path = install(shell=shell, prog_name=PROG, complete_var=COMPLETE_VAR)
    err_info(Msg("i_completion_installed", shell=shell, path=path))
    return 0


def detected() -> str | None:
    """The shell pmpath runs under, as typer finds it (shellingham), or None when none is."""
    from typer._completion_shared import _get_shell_name

    return _get_shell_name()
