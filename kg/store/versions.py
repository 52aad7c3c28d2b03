"""Versions of a build folder: every build is published atomically.

A build is written into ``<out>/.versions/<stamp>/`` and published by
replacing the symlink ``<out>/current`` in one ``os.replace``; the outputs
(``BuildDir.OUTPUTS``: ``kg.trig``, ``store``, ``annotations``, ``graph.html``
and ``report.json``) in ``<out>`` are symlinks through ``current``. A build killed at any moment
leaves the previous outputs whole; the next build removes its debris. ``kg
serve`` may later save ``catalogue.sqlite`` into the version it serves
(``kg.serve.catalogue_file``), which goes with that version.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from kg.errors import UsageError
from kg.store.build_dir import BuildDir

VERSIONS = ".versions"
CURRENT = "current"
MARKER = ".kg-build"  # in a folder that kg build wrote: it may replace what is there


def claim(out: Path, force: bool = False) -> None:
    """Make sure ``kg build`` may write into ``out``, and mark the folder as its own.

    A new or empty folder, or one that ``kg build`` wrote (its marker, or
    the ``current`` link of a build from before markers), may be written;
    any other content is kept and the build refused, unless ``force``.

    Raises:
        UsageError: ``out`` is a file, holds what kg build did not write, or
            has a folder of its own where an output goes (without ``force``).
    """
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} is a file: give kg build a folder to write into (--out)")
    if out.is_dir() and not force:
        ours = (out / MARKER).is_file() or ((out / CURRENT).is_symlink() and (out / VERSIONS).is_dir())
        if not ours and any(out.iterdir()):
            raise UsageError(f"{out} holds files that kg build did not write: give a new or empty folder "
                             "(--out), or --force to write into it (its kg.trig, store/, annotations/, "
                             "graph.html and report.json are then replaced)")
        theirs = [name for name in BuildDir.OUTPUTS if (out / name).exists() and not (out / name).is_symlink()]
        if ours and theirs:
            raise UsageError(f"{out / theirs[0]} was not written by kg build: move it away, or use --force "
                             "to replace it")
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("A folder that kg build writes: it replaces what it wrote here.\n", encoding="utf-8")


def new_version(out: Path) -> Path:
    """A fresh, empty folder to write a build into."""
    versions = out / VERSIONS
    versions.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    path = versions / f"{stamp}-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}.partial"
    path.mkdir()
    return path


def publish(out: Path, version: Path) -> Path:
    """Make ``version`` the current build of ``out`` atomically; return its final path."""
    final = version.with_suffix("")
    os.replace(version, final)
    tmp_link = out / f".{CURRENT}.{os.getpid()}"
    if tmp_link.is_symlink() or tmp_link.exists():
        tmp_link.unlink()
    tmp_link.symlink_to(Path(VERSIONS) / final.name)
    os.replace(tmp_link, out / CURRENT)
    for name in BuildDir.OUTPUTS:
        _link_output(out, name)
    _collect_garbage(out, keep={final.name})
    return final


def _link_output(out: Path, name: str) -> None:
    link = out / name
    target = Path(CURRENT) / name
    if link.is_symlink() and Path(os.readlink(link)) == target:
        return
    tmp = out / f".{name}.{os.getpid()}.link"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(target)
    if link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)  # allowed by ``claim``: an output folder of an old build, or --force
    os.replace(tmp, link)


def _collect_garbage(out: Path, keep: set[str]) -> None:
    """Remove partial builds and all but the current and the previous version.

    The previous version stays because a running ``kg serve`` may still have
    its store open.
    """
    versions = out / VERSIONS
    done = sorted((p for p in versions.iterdir() if p.suffix != ".partial"), key=lambda p: p.stat().st_mtime)
    previous = [p for p in done if p.name not in keep][-1:]
    for path in versions.iterdir():
        if path.name in keep or path in previous:
            continue
        if path.suffix == ".partial" and _owner_alive(path):
            continue
        shutil.rmtree(path, ignore_errors=True)


def _owner_alive(partial: Path) -> bool:
    # <stamp>-<pid>-<n>.partial: a concurrent build's folder is not debris.
    try:
        pid = int(partial.name.split("-")[1])
        os.kill(pid, 0)
    except (IndexError, ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return pid != os.getpid()
