"""Shell completion through the real protocol: role ids and aliases, tracks, formats; bash, zsh and fish."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINI

SCRIPT = Path(sys.executable).with_name("pmpath")  # the console script pip installed beside this Python


def complete(shell: str, line: str, extra_env: dict | None = None) -> list[str]:
    """What ``pmpath`` answers when the shell asks for completions of ``line`` (cursor at the end)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("_PMPATH", "_TYPER", "COMP_"))}
    env.update({"_PMPATH_COMPLETE": f"complete_{shell}", "PMPATH_KB": ""})
    if shell == "bash":
        words = line.split()
        if line.endswith(" "):
            words.append("")
        env.update({"COMP_WORDS": " ".join(words), "COMP_CWORD": str(len(words) - 1)})
    else:
        env["_TYPER_COMPLETE_ARGS"] = line
        if shell == "fish":
            env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    env.update(extra_env or {})
    result = subprocess.run([sys.executable, "-m", "pmpath"], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return [line for line in result.stdout.splitlines() if line]


@pytest.mark.parametrize(
    "line,expected",
    [
        ("pmpath show gro", {"growth-pm", "group-pm"}),
        ("pmpath next senior", {"senior-pm", "senior-product-manager"}),
        ("pmpath show gp", {"gpm"}),  # an alias
        ("pmpath show tp", {"tpm"}),
        ("pmpath levels --track ", {"ic", "manager", "all"}),
        ("pmpath next apm -t m", {"manager"}),
        ("pmpath levels --format ", {"table", "json", "yaml", "markdown"}),
        ("pmpath show apm --format y", {"yaml"}),
        ("pmpath export --format ", {"markdown", "html", "json", "yaml", "svg"}),
        ("pmpath le", {"levels"}),
        ("pmpath ex", {"export"}),
    ],
)
def test_bash_protocol(line, expected):
    assert set(complete("bash", line)) >= expected


def test_completion_lists_every_role_id():
    from pmpath.kb.loader import load

    offered = set(complete("bash", "pmpath show "))
    kb = load()
    assert {role.id for role in [*kb.levels, *kb.specializations]} <= offered


def test_completion_reads_the_knowledge_base_named_on_the_command_line():
    assert set(complete("bash", f"pmpath --kb {MINI} show ")) >= {"junior", "expert", "lead", "growth-maker", "jm"}
    assert "apm" not in complete("bash", f"pmpath --kb {MINI} show ")
    assert set(complete("bash", "pmpath show ", {"PMPATH_KB": str(MINI)})) >= {"junior", "expert"}


def test_completion_of_a_broken_knowledge_base_is_quietly_empty():
    assert complete("bash", "pmpath --kb /nonexistent show ") == []


def test_zsh_protocol():
    out = "\n".join(complete("zsh", "pmpath show gro"))
    assert out.startswith("_arguments") and '"growth-pm"' in out


def test_fish_protocol():
    lines = complete("fish", "pmpath show gro")
    assert "growth-pm" in [line.split("\t")[0] for line in lines]


# ---------------------------------------------------------------- installed scripts in real shells

needs_script = pytest.mark.skipif(not SCRIPT.exists(), reason=f"no installed pmpath script at {SCRIPT}")


def shell_env(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("_PMPATH", "_TYPER", "COMP_", "PMPATH"))}
    env.update({"HOME": str(home), "PATH": f"{SCRIPT.parent}{os.pathsep}{env.get('PATH', '')}"})
    return env


def in_shell(shell: str, command: str, home: Path) -> subprocess.CompletedProcess:
    """Run ``command`` from ``shell`` (so that pmpath detects that shell) with HOME at ``home``."""
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} not found")
    flags = {"bash": ["--norc", "--noprofile"], "zsh": ["-f"], "fish": ["--no-config"]}[shell]
    # "; true": a shell would otherwise exec a lone command in its own place, and pmpath would not see it
    return subprocess.run([shutil.which(shell), *flags, "-c", f"{command}; true"], capture_output=True, text=True,
                          timeout=60, env=shell_env(home))


@needs_script
@pytest.mark.parametrize(
    "shell,files",
    [
        ("bash", [".bash_completions/pmpath.sh", ".bashrc"]),
        ("zsh", [".zfunc/_pmpath", ".zshrc"]),
        ("fish", [".config/fish/completions/pmpath.fish"]),
    ],
)
def test_install_completion_in_each_shell(tmp_path, shell, files):
    result = in_shell(shell, f"'{SCRIPT}' --install-completion", tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"{shell} completion installed" in result.stdout
    for name in files:
        assert (tmp_path / name).is_file(), name
    assert "_PMPATH_COMPLETE" in (tmp_path / files[0]).read_text()


@needs_script
def test_zsh_completion_wins_over_zshs_own_pmpath(tmp_path):
    """zsh ships a completion for the Perl pmtools' pmpath; the installed one must be the one TAB uses."""
    in_shell("zsh", f"'{SCRIPT}' --install-completion", tmp_path)
    zshrc = (tmp_path / ".zshrc").read_text()
    assert "fpath=(~/.zfunc $fpath); autoload -Uz compinit; compinit" in zshrc and "fpath+=" not in zshrc
    in_shell("zsh", f"'{SCRIPT}' --install-completion", tmp_path)  # again: nothing doubled
    assert (tmp_path / ".zshrc").read_text() == zshrc
    result = in_shell("zsh", "source ~/.zshrc; print -r -- $_comps[pmpath]", tmp_path)
    assert result.stdout.strip() == "_pmpath", result.stderr
    script = (tmp_path / ".zfunc" / "_pmpath").read_text()
    assert script.count('_pmpath_completion "$@"') == 1  # the first TAB completes too, once however often installed


@needs_script
def test_bash_completes_role_ids_with_the_installed_script(tmp_path):
    source = in_shell("bash", f"'{SCRIPT}' --show-completion", tmp_path).stdout
    assert "complete -o default -F _pmpath_completion pmpath" in source
    script = tmp_path / "pmpath.bash"
    script.write_text(source)
    probe = (
        f"source {script}\n"
        "COMP_WORDS=(pmpath show gro); COMP_CWORD=2\n"
        "_pmpath_completion pmpath\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(["bash", "--norc", "--noprofile", "-c", probe], capture_output=True, text=True,
                            timeout=60, env=shell_env(tmp_path))
    assert set(result.stdout.split()) >= {"growth-pm", "group-pm"}, result.stderr


@needs_script
def test_fish_completes_role_ids_with_the_installed_script(tmp_path):
    in_shell("fish", f"'{SCRIPT}' --install-completion", tmp_path)
    result = in_shell(
        "fish", f"source {tmp_path}/.config/fish/completions/pmpath.fish; complete -C 'pmpath show gro'", tmp_path
    )
    offered = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert "growth-pm" in offered, result.stderr
