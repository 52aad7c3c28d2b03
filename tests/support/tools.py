"""External tools the tests drive: skipped where missing, failed under ``CI=true`` (``.ci/run`` installs them)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

IN_CI = os.environ.get("CI") == "true"


def require_tool(name: str, path: str | None = None) -> str:
    """The path of an external tool; missing: skip, or fail under CI=true."""
    found = path if path and Path(path).exists() else shutil.which(name)
    if not found:
        message = f"{name} is not installed (.ci/run installs it)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return found
