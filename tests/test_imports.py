"""The package reads like the pipeline: stages import only the stages before them, and nothing heavy at import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# What the `lint-imports` console script runs, with this interpreter (the one that imports kg).
LINT_IMPORTS = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"


def test_lint_imports_keeps_every_contract():
    # setup.cfg [importlinter]: the stage layers, and no cycle among the modules of any package
    proc = subprocess.run([sys.executable, "-c", LINT_IMPORTS, "--no-cache"], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "2 kept, 0 broken" in proc.stdout


def test_at_most_eight_modules_at_the_top_of_kg():
    top = sorted(p.name for p in (ROOT / "kg").glob("*.py"))
    assert len(top) <= 8, top


@pytest.mark.parametrize("module, absent", [
    ("kg", ("spacy", "kiwipiepy", "pyoxigraph", "rdflib", "networkx")),  # importing kg loads no model
    ("kg.extract", ("spacy", "kiwipiepy")),  # spaCy only where the pipeline is made (kg.nlp.language)
    ("kg.nlp.mentions", ("spacy", "kiwipiepy")),
    ("kg.nlp.chains", ("spacy", "kiwipiepy")),
])
def test_imports_stay_light(module, absent):
    code = f"import sys, {module}; print(' '.join(m for m in {absent!r} if m in sys.modules))"
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == ""


def test_loading_a_model_leaves_scikit_learn_and_pandas_out_but_importable():
    # scikit-learn is no dependency of kg: checked only where it is installed; pandas always is
    code = ("import importlib.util, sys; from kg.extract.model import load_model; load_model(); "
            "print(' '.join(m for m in ('sklearn', 'pandas') if m in sys.modules)); "
            "present = [m for m in ('sklearn', 'pandas') if importlib.util.find_spec(m)]; "
            "[__import__(m) for m in present]; print('importable', *present)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    loaded, imported = proc.stdout.split("\n")[:2]
    assert loaded == "" and imported.startswith("importable") and "pandas" in imported.split()
