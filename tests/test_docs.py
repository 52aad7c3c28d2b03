"""The docs match the code: every command documented, the quick start is what CI runs."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from kg.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```\n(.+?)\n```", section)


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_a_readme_section(command):
    assert re.search(rf"^### `kg {command}\b", README, re.M), f"README has no section for `kg {command}`"


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_option_has_help(command):
    for param in main.commands[command].params:
        if param.param_type_name == "option":
            assert param.help, f"kg {command} {param.opts[0]} has no help text"


def test_quick_start_is_two_commands():
    commands = _quick_start_commands()
    assert len(commands) == 2
    assert "kg build" in commands[0] and "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    # .ci/run extracts the command from the README; run its extraction and compare.
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    awk = re.search(r"test_command=\$\((awk .+ README\.md)\)", script).group(1)
    extracted = subprocess.run(["bash", "-c", awk], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    assert extracted == _quick_start_commands()[1]
    assert 'bash -c "$test_command"' in script
