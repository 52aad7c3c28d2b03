"""Helpers for tests of ``kg serve``: a real server subprocess on a free port, plain HTTP, a loopback listener."""

from __future__ import annotations

import contextlib
import re
import socket
import subprocess
import sys
import threading
import time
from typing import Iterator
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import Request, urlopen


@contextlib.contextmanager
def running_server(build, *options: str, cwd=None, env=None,
                   log: list[str] | None = None) -> Iterator[tuple[str, subprocess.Popen]]:
    """``kg serve --store BUILD --port 0 OPTIONS…`` as a subprocess; yields its base URL and the process.

    ``log``, when given, receives every line the server writes on stderr (start-up lines, then the access log).
    """
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(build), "--port", "0", *options],
                            stderr=subprocess.PIPE, text=True, cwd=cwd, env=env)
    lines: list[str] = [] if log is None else log
    drain = threading.Thread(target=lambda: lines.extend(proc.stderr), daemon=True)  # the access log
    try:
        for line in proc.stderr:  # warnings may come before the line with the URL
            lines.append(line)
            url = re.search(r"serving (http://\S+/) ", line)
            if url:
                break
        assert url, "".join(lines) + proc.stderr.read()
        drain.start()
        yield url.group(1), proc
    finally:
        proc.terminate()
        proc.wait(15)
        if drain.is_alive():
            drain.join(10)
        proc.stderr.close()


def http(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None,
         timeout: float = 30):
    """(status, headers, body) of one request, errors included."""
    try:
        with urlopen(Request(url, data=data, headers=headers or {}, method=method), timeout=timeout) as r:
            return r.status, r.headers, r.read()
    except HTTPError as e:
        return e.code, e.headers, e.read()


def get(server: str, text: str, accept: str = "application/sparql-results+json", timeout: float = 30):
    return http(f"{server}sparql?{urlencode({'query': text})}", headers={"Accept": accept}, timeout=timeout)


def post_form(server: str, text: str, key: str = "query", accept: str = "application/sparql-results+json",
              headers: dict | None = None):
    return http(f"{server}sparql", urlencode({key: text}).encode(), {
        "Content-Type": "application/x-www-form-urlencoded", "Accept": accept, **(headers or {})})


def raw_request(url: str, data: bytes, timeout: float = 10) -> bytes:
    """Send ``data`` as it is to the host and port of ``url``; the bytes answered until the server closes."""
    host, port = re.match(r"http://([^:/]+):(\d+)/", url).groups()
    with socket.create_connection((host, int(port)), timeout=timeout) as sock:
        sock.sendall(data)
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except socket.timeout:
                break
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


class Listener:
    """A loopback socket that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
                self.connections += 1
                conn.close()
            except OSError:
                continue

    def close(self, linger: float = 0.5) -> int:
        """Stop listening (after ``linger`` seconds); the number of connections made."""
        time.sleep(linger)
        self.stop.set()
        self.thread.join()
        self.sock.close()
        return self.connections
