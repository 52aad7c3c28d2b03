"""A real Dask cluster on loopback: ``dask scheduler`` and ``dask worker`` processes (the cluster bench and its test).

The scheduler takes a free port (``--port 0``) and writes its address to a
scheduler file; each worker is one process with one thread and no nanny, so
killing it (``os.kill`` of its pid) loses the worker for good, as when a
machine of a cluster dies.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

DASK = Path(sys.executable).parent / "dask"
START_TIMEOUT = 120.0


@contextmanager
def local_dask(folder: Path, workers: int = 2) -> Iterator[tuple[str, list[subprocess.Popen]]]:
    """A scheduler and ``workers`` worker processes on 127.0.0.1; yields its address and the workers."""
    folder.mkdir(parents=True, exist_ok=True)
    file = folder / "scheduler.json"
    procs: list[subprocess.Popen] = []
    logs = []

    def start(name: str, *args: str) -> subprocess.Popen:
        log = open(folder / f"{name}.log", "wb")
        logs.append(log)
        procs.append(subprocess.Popen([str(DASK), *args], stdout=log, stderr=subprocess.STDOUT))
        return procs[-1]

    try:
        start("scheduler", "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
              "--scheduler-file", str(file))
        address = _wait_for_address(file, procs[0])
        crew = [start(f"worker{i}", "worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard",
                      "--host", "127.0.0.1", "--local-directory", str(folder / f"worker{i}"))
                for i in range(workers)]
        _wait_for_workers(address, workers)
        yield address, crew
    finally:
        for proc in reversed(procs):
            if proc.poll() is None:
                proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for log in logs:
            log.close()


def _wait_for_address(file: Path, scheduler: subprocess.Popen) -> str:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if scheduler.poll() is not None:
            raise RuntimeError(f"dask scheduler exited with status {scheduler.returncode}")
        try:
            return json.loads(file.read_text(encoding="utf-8"))["address"]
        except (OSError, ValueError, KeyError):
            time.sleep(0.1)
    raise TimeoutError("dask scheduler did not start")


def _wait_for_workers(address: str, count: int) -> None:
    from distributed import Client

    with Client(address, timeout="60s", set_as_default=False) as client:
        client.wait_for_workers(count, timeout=START_TIMEOUT)
