"""A pool of warm query processes for one store, each with the store open read-only.

::

    with QueryPool("build/store", workers=4, reserve=2) as pool:
        answer = pool.run(Job("SELECT * WHERE { ?s ?p ?o }", formats={"select": "json"}))

Each process (``kg.sparql.worker``) has no network and a memory limit, and
parses, checks, runs and serializes one query at a time, so parsing counts
toward the timeout and no parser is shared between threads. A process that
is still busy at the timeout, or that dies (past its memory limit), is
killed and another started in its place.

``workers`` processes take any query and give it the whole timeout; once a
query has run ``yield_after`` seconds its process runs only when nothing
else wants the CPU (``SCHED_IDLE``), and is replaced when it is done.
``reserve`` more take a query only when all of those are busy, and stop it
after ``short_timeout`` seconds: however many long queries run, short ones
are still answered, and fast.

Why our own pool rather than ``concurrent.futures`` or ``multiprocessing.Pool``:
neither can kill one busy worker at a timeout and replace it, start workers
independent of the current folder, or keep a part of the pool for short
queries.
"""

from __future__ import annotations

import os
import select
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Callable

from kg.errors import QueryBusyError, QueryError, QueryLimitError, QueryTimeoutError, StoreError
from kg.sparql.worker import ERRORS, Answer, Job, command

DEFAULT_TIMEOUT = 30.0
MAX_MEMORY = 2 * 1024**3  # bytes of address space per query process
MAX_BYTES = 64 * 1024**2  # bytes of the terms of one answer
START_TIMEOUT = 120.0  # seconds for a process to start and open the store
YIELD_AFTER = 0.25  # seconds a query runs at normal priority; a short one takes a few ms


@dataclass(frozen=True)
class Limits:
    """What one query may use: seconds (parsing included), rows, bytes of answer, memory of its process."""

    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = 10_000
    max_bytes: int | None = MAX_BYTES
    max_memory: int | None = MAX_MEMORY


class _Died(Exception):
    """The query process ended (past its memory limit, or killed)."""


class _Late(Exception):
    """The query process was still busy at the timeout."""


class _Zygote:
    """The process query processes are forked from (``kg.sparql.worker.zygote``)."""

    def __init__(self, store: str, max_memory: int | None) -> None:
        self.sock, theirs = socket.socketpair()
        # RUST_BACKTRACE: a query past its memory limit is one line in the log; MALLOC_ARENA_MAX: glibc reserves
        # 64 MB of address space per thread arena, which RLIMIT_AS counts.
        env = {**os.environ, "RUST_BACKTRACE": "0", "MALLOC_ARENA_MAX": "2"}
        self.proc = subprocess.Popen(command(theirs.fileno(), store, max_memory), pass_fds=(theirs.fileno(),),
                                     cwd="/", stdin=subprocess.DEVNULL, env=env)
        theirs.close()
        self.lock = threading.Lock()

    def fork(self) -> _Worker:
        """A new query process (not yet ready).

        Raises:
            StoreError: the zygote is gone.
        """
        with self.lock:
            try:
                self.sock.sendall(b"f")
                pid, fds, _, _ = socket.recv_fds(self.sock, 32, 3)
            except OSError as e:
                raise StoreError(f"the query processes cannot be started: {e}") from e
        if len(fds) != 3:
            raise StoreError(f"the query processes cannot be started (exit code {self.proc.poll()})")
        return _Worker(int(pid), *fds)

    def close(self) -> None:
        self.sock.close()
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


class _Worker:
    """One query process: its pid, a pidfd to kill exactly it, and its two pipes."""

    def __init__(self, pid: int, to_child: int, from_child: int, pidfd: int) -> None:
        self.pid, self.pidfd = pid, pidfd
        self.demoted = False
        self._killed = threading.Lock()
        self.send = Connection(to_child, readable=False)
        self.receive = Connection(from_child, writable=False)

    def ready(self) -> str:
        """Wait until the process has opened the store; how its network was cut off."""
        try:
            status, payload = self._reply(START_TIMEOUT)
        except (_Late, _Died) as e:
            self.kill()
            raise StoreError("a query process did not start; see the messages above") from e
        if status != "ready":
            self.kill()
            raise ERRORS.get(status, StoreError)(payload)
        return payload

    def ask(self, job: Job, timeout: float, demote_after: float | None = None) -> Answer:
        """Send one job and wait for its answer; past ``demote_after`` seconds the process yields the CPU."""
        try:
            self.send.send(job)
        except OSError as e:
            raise _Died from e
        if demote_after is not None and demote_after < timeout:
            try:
                status, payload = self._reply(demote_after)
            except _Late:
                self.demote()
                status, payload = self._reply(timeout - demote_after)
        else:
            status, payload = self._reply(timeout)
        if status == "ok":
            return payload
        if status == "MemoryError":
            raise QueryLimitError(payload)
        if status in ERRORS:
            raise ERRORS[status](payload)
        raise RuntimeError(f"the query process failed: {payload}")

    def demote(self) -> None:
        """Run only when nothing else wants the CPU (``SCHED_IDLE``, else nice 19): a long query gives way."""
        if select.select([self.pidfd], [], [], 0)[0]:
            return  # it has ended: its pid may no longer be its own
        self.demoted = True
        try:
            os.sched_setscheduler(self.pid, os.SCHED_IDLE, os.sched_param(0))
        except (OSError, AttributeError):
            try:
                os.setpriority(os.PRIO_PROCESS, self.pid, 19)
            except OSError:
                pass

    def _reply(self, timeout: float) -> tuple[str, object]:
        try:
            if not self.receive.poll(timeout):
                raise _Late
            return self.receive.recv()
        except (EOFError, OSError) as e:
            raise _Died from e

    def kill(self) -> None:
        if not self._killed.acquire(blocking=False):
            return  # killed already (by close() and by the thread that was waiting on it)
        try:
            signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
        except ProcessLookupError:
            pass  # it ended already
        os.close(self.pidfd)
        self.send.close()
        self.receive.close()


class QueryPool:
    """Warm query processes for the store at ``store`` (see the module's docstring)."""

    def __init__(self, store: str | Path, workers: int = 4, reserve: int = 2, limits: Limits = Limits(),
                 short_timeout: float = 1.0, log: Callable[[str], None] = lambda message: None,
                 yield_after: float = YIELD_AFTER) -> None:
        """Start the processes and wait until each has the store open.

        Raises:
            StoreError: a process could not open the store.
        """
        self.store, self.limits, self.log = str(Path(store).resolve()), limits, log
        self.short_timeout = min(short_timeout, limits.timeout)
        self.yield_after = yield_after
        self._cond = threading.Condition()
        self._idle: dict[bool, list[_Worker]] = {False: [], True: []}  # reserve? -> idle processes
        self._all: set[_Worker] = set()
        self._closed = False
        self._zygote = _Zygote(self.store, limits.max_memory)
        try:
            started = [(self._zygote.fork(), i >= workers) for i in range(workers + reserve)]
            self._all.update(w for w, _ in started)
            self.isolation = {w.ready() for w, _ in started}
        except BaseException:
            self.close()
            raise
        for w, is_reserve in started:
            self._idle[is_reserve].append(w)

    def __enter__(self) -> QueryPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(self, job: Job, timeout: float | None = None) -> Answer:
        """Run one job on an idle process (thread-safe); ``timeout`` replaces the pool's for this job.

        Raises:
            QueryTimeoutError: still running at the timeout (or, on a reserve
                process, at ``short_timeout``); its process is replaced.
            QueryLimitError: its process went past the memory limit.
            QueryBusyError: no process became free within the timeout.
            QueryError, QueryRefusedError, UsageError, FormatError: from the query itself.
        """
        timeout = self.limits.timeout if timeout is None else timeout
        worker, reserve = self._acquire(time.monotonic() + timeout)
        budget = min(self.short_timeout, timeout) if reserve else timeout
        try:
            answer = worker.ask(job, budget, demote_after=self.yield_after)
        except _Late as e:
            self._replace(worker, reserve)
            why = " while every other query process was busy" if reserve else ""
            raise QueryTimeoutError(f"the query was stopped after {budget:g} s{why} (raise --timeout, "
                                    "narrow the query, or try again)") from e
        except _Died as e:
            self._replace(worker, reserve)
            raise QueryLimitError("the query went past the memory limit of its process (--max-memory) "
                                  "and was stopped: narrow the query") from e
        except BaseException:
            self._release(worker, reserve)
            raise
        self._release(worker, reserve)
        return answer

    def _release(self, worker: _Worker, reserve: bool) -> None:
        if worker.demoted:  # its priority cannot be raised again: a fresh process takes its place
            self._replace(worker, reserve)
            return
        with self._cond:
            if self._closed:
                worker.kill()
                return
            self._idle[reserve].append(worker)
            self._cond.notify()

    def _acquire(self, deadline: float) -> tuple[_Worker, bool]:
        with self._cond:
            while True:
                if self._closed:
                    raise QueryError("the query pool is closed")
                for reserve in (False, True):
                    if self._idle[reserve]:
                        return self._idle[reserve].pop(), reserve
                left = deadline - time.monotonic()
                if left <= 0:
                    raise QueryBusyError("every query process is busy: try again in a few seconds")
                self._cond.wait(left)

    def _replace(self, worker: _Worker, reserve: bool) -> None:
        """Kill ``worker`` and fork its successor before the caller answers (a few ms), so that a client
        sending its query again finds a process of the same kind free."""
        worker.kill()
        with self._cond:
            self._all.discard(worker)
            if self._closed:
                return
        self._start(reserve)

    def _start(self, reserve: bool) -> None:
        try:
            worker = self._zygote.fork()
        except StoreError as e:
            self.log(f"kg: cannot start a query process: {e}")
            return
        with self._cond:
            if self._closed:
                worker.kill()
                return
            self._all.add(worker)
        try:
            worker.ready()
        except (StoreError, QueryError) as e:
            self.log(f"kg: a query process could not open the store: {e}")
            with self._cond:
                self._all.discard(worker)
            return
        self._release(worker, reserve)

    def pids(self) -> set[int]:
        """The process ids of the pool's processes."""
        with self._cond:
            return {w.pid for w in self._all}

    @property
    def closed(self) -> bool:
        """Whether ``close`` was called."""
        return self._closed

    def close(self) -> None:
        """Kill every process of the pool."""
        with self._cond:
            self._closed = True
            workers, self._all = list(self._all), set()
            self._idle = {False: [], True: []}
            self._cond.notify_all()
        for worker in workers:
            worker.kill()
        self._zygote.close()
