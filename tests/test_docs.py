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


ARCHITECTURE = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
DOCS = [ROOT / "README.md", ROOT / "docs" / "ARCHITECTURE.md", ROOT / "ontology" / "DESIGN.md",
        ROOT / "bench" / "RESULTS.md", *sorted((ROOT / "notebooks").glob("*.ipynb"))]


def _stages() -> list[str]:
    kg = ROOT / "kg"
    packages = [f"kg/{p.name}/" for p in kg.iterdir() if (p / "__init__.py").exists()]
    modules = [f"kg/{p.name}" for p in kg.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    return sorted(packages + modules)


@pytest.mark.parametrize("path", _stages())
def test_architecture_has_a_line_for_every_package(path):
    assert f"`{path}" in ARCHITECTURE, f"docs/ARCHITECTURE.md says nothing of {path}"  # kg/lang/ as kg/lang/ko/


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_docs_name_only_files_and_modules_that_exist(doc):
    import importlib

    text = doc.read_text(encoding="utf-8")
    for path in set(re.findall(r"\bkg/[\w/]+\.(?:py|md|html|js|css)\b", text)):
        assert (ROOT / path).exists(), f"{doc.name} names {path}, which does not exist"
    for dotted in set(re.findall(r"`(kg(?:\.\w+)+)", text)) - {"kg.trig", "kg.ttl"}:  # files, not modules
        parts = dotted.split(".")
        found = None
        for i in range(len(parts), 0, -1):  # the longest importable module, then attributes
            try:
                found, rest = importlib.import_module(".".join(parts[:i])), parts[i:]
                break
            except ImportError:
                continue
        for name in rest:
            found = getattr(found, name, None)
        assert found is not None, f"{doc.name} names {dotted}, which does not exist"
