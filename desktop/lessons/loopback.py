"""Loopback network plumbing shared by the network lessons (crawler, socket-server, io-models).

Everything here binds 127.0.0.1 with port 0, so the operating system picks a
free ephemeral port and nothing is reachable from outside this machine. Every
socket is closed by a ``with`` block, and every loop is bounded (a count or a
deadline), so a server always stops by itself even if its clients vanish.

The lessons show the interesting part (how each server model waits for its
clients); this module holds what they all share: making a listening socket, a
well-behaved echo client, the blocking echo loop, a small local web site, and
the check that no listening socket was left behind.
"""

from __future__ import annotations

import asyncio
import contextlib
import http.server
import socket
import threading
import time
from collections.abc import Iterator

from desktop.model.record_type import Record

HOST = "127.0.0.1"
SOCKET_TIMEOUT = 10.0  # no single wait on a socket may last longer than this
CHUNK = 4096


# ------------------------------------------------------------------ listening
def listening_socket(backlog: int = 128, timeout: float | None = SOCKET_TIMEOUT) -> socket.socket:
    """A TCP socket listening on 127.0.0.1 at an ephemeral port. Use it in a ``with`` block."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind((HOST, 0))
        sock.listen(backlog)
        sock.settimeout(timeout)
    except OSError:
        sock.close()
        raise
    return sock


def port_of(sock: socket.socket) -> int:
    return sock.getsockname()[1]


def accepts_connections(port: int) -> bool:
    """True if something still accepts TCP connections on 127.0.0.1:``port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe_socket:
        probe_socket.settimeout(0.5)
        try:
            probe_socket.connect((HOST, port))
        except OSError:
            return False
        return True


def listening_ports_of(pid: int) -> list[int]:
    """TCP ports on which process ``pid`` listens (an empty list if it has gone).

    Asks about one process, which needs no special rights for our own
    processes, rather than the whole system's table, which may need root.
    """
    # Imported here, not at the top: every worker process imports this module (through its lesson),
    # and psutil is ~8 ms of its start.
    import psutil

    try:
        connections = psutil.Process(pid).net_connections(kind="tcp")
    except psutil.Error:
        return []
    return sorted({c.laddr.port for c in connections if c.status == psutil.CONN_LISTEN and c.laddr})


# ------------------------------------------------------------------ echo
def message_for(client: int, number: int, size: int) -> bytes:
    """The ``number``-th message of ``client``: recognisable bytes of exactly ``size`` bytes."""
    text = f"client {client} message {number} ".encode()
    return (text * (size // len(text) + 1))[:size]


def receive_exactly(sock: socket.socket, size: int) -> bytes:
    """Read until ``size`` bytes arrived (TCP is a stream: one send may arrive in pieces)."""
    parts, received = [], 0
    while received < size:
        part = sock.recv(min(CHUNK, size - received))
        if not part:
            break  # the server closed early: the caller sees a short reply
        parts.append(part)
        received += len(part)
    return b"".join(parts)


class EchoLoad(Record):
    """What the clients of an echo server do: ``clients`` connections, each sending ``messages``
    messages of ``size`` bytes, one at a time, pausing ``think`` seconds after each echo.

    The pause stands for a user typing or a slow network: it is what lets a
    concurrent server serve other clients meanwhile.
    """

    __slots__ = ("clients", "messages", "size", "think")
    clients: int
    messages: int
    size: int
    think: float

    @property
    def total(self) -> int:
        return self.clients * self.messages

    def patience(self) -> float:
        """How long anyone may wait for this load: enough for a server that serves clients one by one."""
        return SOCKET_TIMEOUT + 2 * self.total * (self.think + 0.005)


def echo_client(port: int, client: int, load: EchoLoad) -> int:
    """Connect, send the load's messages one at a time, check each echo; return how many came back right."""
    correct = 0
    with socket.create_connection((HOST, port), timeout=load.patience()) as sock:
        for number in range(load.messages):
            message = message_for(client, number, load.size)
            sock.sendall(message)
            if receive_exactly(sock, load.size) == message:
                correct += 1
            if load.think:
                time.sleep(load.think)
    return correct


def run_echo_clients(port: int, load: EchoLoad) -> dict:
    """Run the load's clients as threads, all starting together; return what they measured."""
    correct = [0] * load.clients
    failures: list[str] = []
    start_line = threading.Barrier(load.clients + 1)

    def one_client(index: int) -> None:
        start_line.wait()
        try:
            correct[index] = echo_client(port, index, load)
        except OSError as error:
            failures.append(f"client {index}: {error}")

    threads = [threading.Thread(target=one_client, args=(i,), name=f"client-{i + 1}") for i in range(load.clients)]
    for thread in threads:
        thread.start()
    start_line.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return {"sent": load.total, "correct": sum(correct), "wall": wall, "failures": failures}


def serve_echo_blocking(conn: socket.socket, on_wait=None, on_echo=None) -> int:
    """Echo everything ``conn`` sends until it hangs up; return the bytes echoed.

    ``on_wait``/``on_echo`` let the caller report "waiting for data" and
    "echoing" to its probe without this module knowing about probes.
    """
    echoed = 0
    conn.settimeout(SOCKET_TIMEOUT)
    while True:
        if on_wait:
            on_wait()
        data = conn.recv(CHUNK)
        if not data:
            return echoed
        if on_echo:
            on_echo()
        conn.sendall(data)
        echoed += len(data)


async def serve_echo_asyncio(listener: socket.socket, clients: int, timeout: float, on_echo=None) -> int:
    """Echo for ``clients`` connections from one event loop, then close ``listener``; return bytes echoed.

    Each connection is a coroutine; ``await`` is where it hands the loop back
    so the other connections can run.
    """
    all_done = asyncio.Event()
    finished = echoed = 0

    async def echo_stream(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal finished, echoed
        try:
            while data := await reader.read(CHUNK):
                if on_echo:
                    on_echo()
                writer.write(data)
                await writer.drain()
                echoed += len(data)
        finally:
            writer.close()
            await writer.wait_closed()
            finished += 1
            if finished == clients:
                all_done.set()

    server = await asyncio.start_server(echo_stream, sock=listener)
    async with server:  # closes the listening socket on the way out
        await asyncio.wait_for(all_done.wait(), timeout=timeout)
    return echoed


# ------------------------------------------------------------------ web site
def page_links(page: int, pages: int, fanout: int) -> list[int]:
    """Pages linked from ``page`` in a site of ``pages`` pages shaped like a tree, plus one back-link.

    The back-link to the home page means a crawler must remember what it has
    seen, or it would loop forever.
    """
    children = [page * fanout + k for k in range(1, fanout + 1) if page * fanout + k < pages]
    return [*children, 0]


def page_html(page: int, pages: int, fanout: int) -> str:
    targets = page_links(page, pages, fanout)
    links = "".join(f'<li><a href="/page/{target}.html">page {target}</a></li>' for target in targets)
    words = " ".join(f"word{(page * 7 + i) % 50}" for i in range(200))
    return (
        f"<html><head><title>Page {page}</title></head><body>"
        f"<h1>Page {page}</h1><p>{words}</p><ul>{links}</ul></body></html>"
    )


class _SiteHandler(http.server.BaseHTTPRequestHandler):
    """Serves /page/<n>.html after the site's latency; anything else is a 404."""

    server: _SiteServer

    def do_GET(self) -> None:
        site = self.server
        time.sleep(site.latency)  # the injected latency: a far-away, slow server
        page = _page_number(self.path)
        if page is None or not 0 <= page < site.pages:
            self.send_error(404)
            return
        body = page_html(page, site.pages, site.fanout).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        with site.count_lock:
            site.served += 1

    def log_message(self, format: str, *args) -> None:
        pass  # the lesson reports through its probe, not stderr


def _page_number(path: str) -> int | None:
    if not (path.startswith("/page/") and path.endswith(".html")):
        return None
    try:
        return int(path[len("/page/") : -len(".html")])
    except ValueError:
        return None


class _SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self, pages: int, fanout: int, latency: float):
        super().__init__((HOST, 0), _SiteHandler)
        self.pages, self.fanout, self.latency = pages, fanout, latency
        self.served = 0
        self.count_lock = threading.Lock()


@contextlib.contextmanager
def local_site(pages: int, fanout: int, latency: float) -> Iterator[_SiteServer]:
    """A web site of ``pages`` pages served on 127.0.0.1 from a background thread.

    Yields the server (``server.server_port``, ``server.served``); leaving the
    ``with`` block stops it and closes its listening socket.
    """
    server = _SiteServer(pages, fanout, latency)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="local-site")
    try:
        thread.start()
    except BaseException:
        server.server_close()
        raise
    try:
        yield server
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


def page_url(port: int, page: int) -> str:
    return f"http://{HOST}:{port}/page/{page}.html"
