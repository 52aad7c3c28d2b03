"""A query process: no network, a memory limit, the store open read-only, one query at a time.

``kg.sparql.pool`` starts the zygote with ``python -P -c …`` (``command``):
the ``kg`` package is imported from where the parent imported it, never from
the current folder, which may hold another ``kg/``.

Before any query process exists, the zygote leaves the network: it moves into a new,
empty network namespace (Linux ``unshare``; as a normal user inside a new
user namespace too), so the query engine cannot connect anywhere, whatever a
query says (pyoxigraph does not expose its parse for ``kg.sparql.inspect`` to
check; its ``SERVICE`` client is Rust code that a Python-level guard would
not see). Where the kernel refuses, ``socket`` is also closed off inside
Python and the parent is told, so that the server can warn. Then
``RLIMIT_AS`` caps the memory of the process: a query past it fails to
allocate and the process ends (the pool starts another).

Query processes are forked from one warm process (``zygote``), so that one
killed at a timeout is replaced in milliseconds. Protocol, over two pipes
(``multiprocessing.connection``): a query process sends ``("ready",
isolation)``; then for each ``Job`` it receives, it sends ``("ok", Answer)``
or ``(error class name, message)``.
"""

from __future__ import annotations

import ctypes
import errno
import importlib
import os
import sys
from dataclasses import dataclass, field
from typing import Any, Mapping

from kg.errors import FormatError, KgError, QueryError, QueryRefusedError, StoreError, UsageError
from kg.sparql.results import Results

CLONE_NEWUSER, CLONE_NEWNET = 0x10000000, 0x40000000
WARM_UP = "SELECT ?s WHERE { ?s ?p ?o FILTER(?o > 1) } LIMIT 1"  # the first parse builds rdflib's grammar


@dataclass(frozen=True)
class Job:
    """One query for a worker: the text, its parameters, and what to send back.

    ``formats`` maps a result kind (``select``, ``ask``, ``graph``) to the
    ``Results.serialize`` format to send; None sends the ``Results`` itself.
    A kind missing from ``formats`` is answered with ``FormatError``.
    """

    text: str
    base_iri: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    declared: tuple = ()
    limit: int = 10_000
    max_bytes: int | None = None
    formats: Mapping[str, str] | None = None


@dataclass
class Answer:
    """What a worker sends back: the ``Results``, or their serialization and what the headers need."""

    kind: str
    results: Results | None = None
    body: bytes = b""
    fmt: str = ""
    truncated: str = ""  # "" or why the answer was cut ("rows", "bytes")
    elapsed: float = 0.0


def isolate_network() -> str:
    """Leave the network for good (a new, empty network namespace); what was done, for the parent to log.

    Returns:
        ``"namespace"`` when the kernel did it, else ``"python: …"`` with the
        kernel's reason (only Python's own sockets are then closed off).
    """
    libc = ctypes.CDLL(None, use_errno=True)
    reasons = []
    for flags in (CLONE_NEWNET, CLONE_NEWUSER | CLONE_NEWNET):
        if libc.unshare(flags) == 0:
            return "namespace"
        reasons.append(os.strerror(ctypes.get_errno()))
    _close_python_sockets()
    return "python: the kernel refused a network namespace (" + "; ".join(reasons) + ")"


def _close_python_sockets() -> None:
    import socket

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise PermissionError(errno.EACCES, "query processes have no network")

    for name in ("connect", "connect_ex", "bind", "sendto"):
        setattr(socket.socket, name, refuse)
    socket.getaddrinfo = refuse
    socket.create_connection = refuse


def limit_memory(max_bytes: int | None) -> None:
    """Cap the address space of this process (``RLIMIT_AS``); None leaves it as it is."""
    import resource

    if max_bytes:
        resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))


def run_job(store: Any, job: Job) -> Answer:
    """Check (``screen``, else parse), bind and run one job on an open store; serialize it if the job asks.

    Raises:
        QueryError, QueryRefusedError, UsageError, StoreError, FormatError.
    """
    from kg.sparql.inspect import inspect_query, screen
    from kg.sparql.local import execute
    from kg.sparql.params import bind

    info = None if job.params or job.declared else screen(job.text)
    if info is None:
        info = inspect_query(job.text, job.base_iri)
        results = execute(store, job.text, info, bind(job.params, info, job.declared), job.limit, job.max_bytes)
    else:
        try:
            results = execute(store, job.text, info, {}, job.limit, job.max_bytes)
        except QueryError:
            inspect_query(job.text, job.base_iri)  # rdflib's message, with line and column, if it has one
            raise
    cut = "bytes" if results.truncated_bytes else ("rows" if results.truncated else "")
    if job.formats is None:
        return Answer(results.kind, results, truncated=cut, elapsed=results.elapsed)
    if results.kind not in job.formats:
        raise FormatError(f"a {results.kind} answer cannot be sent in the format asked for")
    fmt = job.formats[results.kind]
    return Answer(results.kind, body=results.serialize(fmt), fmt=fmt, truncated=cut, elapsed=results.elapsed)


def zygote(sock_fd: int, store_path: str, max_memory: int | None) -> None:
    """The process that query processes are forked from: no network, kg and pyoxigraph loaded, parser warm.

    For each byte ``f`` received on the socket ``sock_fd``, it forks a query
    process and sends back the parent's ends of its two pipes and a pidfd of
    it (``socket.send_fds``), so that the pool can kill exactly that process.
    It ends when the socket closes, and kills the query processes it forked.
    """
    import signal
    import socket

    from kg.sparql.inspect import inspect_query

    isolation = isolate_network()  # inherited by every process forked from here
    importlib.import_module("pyoxigraph")  # loaded once, before the forks

    inspect_query(WARM_UP)
    children: set[int] = set()
    signal.signal(signal.SIGCHLD, lambda signum, frame: _reap(children))
    sock = socket.socket(fileno=sock_fd)
    while sock.recv(1) == b"f":
        to_child, from_parent = os.pipe()[::-1]
        from_child, to_parent = os.pipe()
        pid = os.fork()
        if pid == 0:  # the query process
            sock.close()
            os.close(to_child)
            os.close(from_child)
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            _serve(from_parent, to_parent, store_path, max_memory, isolation)
            os._exit(0)
        children.add(pid)
        pidfd = os.pidfd_open(pid)
        os.close(from_parent)
        os.close(to_parent)
        socket.send_fds(sock, [str(pid).encode()], [to_child, from_child, pidfd])
        for fd in (to_child, from_child, pidfd):
            os.close(fd)
    # The pool is gone (closed, or its process killed): so are the query processes, busy or not.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})
    for pid in children:  # not reaped yet, so each pid is still that child's
        os.kill(pid, signal.SIGKILL)


def _reap(children: set[int]) -> None:
    try:
        while True:
            pid, _ = os.waitpid(-1, os.WNOHANG)
            if not pid:
                return
            children.discard(pid)
    except ChildProcessError:
        pass


def _serve(read_fd: int, write_fd: int, store_path: str, max_memory: int | None, isolation: str) -> None:
    """A query process: cap memory, open the store, then answer jobs until the pipe closes."""
    from multiprocessing.connection import Connection

    import pyoxigraph as ox

    receive, send = Connection(read_fd, writable=False), Connection(write_fd, readable=False)
    limit_memory(max_memory)
    try:
        store = ox.Store.read_only(store_path)
    except OSError as e:
        send.send(("StoreError", f"cannot open the store {store_path}: {e}"))
        return
    send.send(("ready", isolation))
    while True:
        try:
            job = receive.recv()
        except EOFError:
            return
        send.send(_answer(store, job))


def _answer(store: Any, job: Job) -> tuple[str, Any]:
    try:
        return "ok", run_job(store, job)
    except KgError as e:
        return type(e).__name__, str(e)
    except MemoryError:
        return "MemoryError", "the query went past the memory limit of its process"
    except Exception as e:  # noqa: BLE001 - sent to the parent, which raises it as an internal error
        return "internal", f"{type(e).__name__}: {e}"


def command(sock_fd: int, store_path: str, max_memory: int | None) -> list[str]:
    """The command line that starts the zygote with this interpreter and this ``kg``, whatever the current folder.

    ``-P`` keeps the current folder off ``sys.path``; the folder that holds
    the parent's ``kg`` goes first instead.
    """
    import kg

    root = os.path.dirname(os.path.dirname(os.path.abspath(kg.__file__)))
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from kg.sparql.worker import zygote; "
            "zygote(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]) or None)")
    return [sys.executable, "-P", "-c", code, root, str(sock_fd), store_path, str(max_memory or 0)]


ERRORS = {cls.__name__: cls for cls in (QueryError, QueryRefusedError, StoreError, UsageError, FormatError)}
