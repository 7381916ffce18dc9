"""Queue depth for every queue the script makes, counted from puts and gets (never ``qsize()``).

``qsize()`` raises on macOS and races everywhere, so depth is what the probe
always counts: the items that went in and came out, each call stamped when it
returned, and reported a few dozen times a second per process and queue with
the peak kept (:mod:`.tally`). Queues are named after the variable the
script stores them in (``jobs = Queue()`` is ``jobs``), else ``Queue@line N``;
the name travels with the queue when it is sent to a child.

Counted:

* ``multiprocessing`` ``Queue``, ``JoinableQueue`` and ``SimpleQueue`` and
  ``queue.Queue``: their ``put``/``get`` are patched on the class;
* Manager queues: the proxy's calls (``put``/``get`` on ``manager.Queue()``),
  in whichever process makes them;
* a ``Pool``'s tasks: the pool hands tasks to its workers through a fast path
  that bypasses ``put()`` (``_quick_put``, its pipe's ``send``), so that
  function is wrapped, and each worker counts what it takes;
* a ``ProcessPoolExecutor``'s call queue, the same way.

Pool and executor workers also say when they wait for a task, so their lanes
show idle and busy. Each module is patched when the process first imports it
(:mod:`desktop.runtime.import_hook`): a process that makes no manager pays nothing for it.
"""

from __future__ import annotations

import _multiprocessing
import functools
import queue
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

from desktop.runtime import import_hook
from desktop.runtime.instrument import blocking, frames, report

_QUEUE_TYPEIDS = frozenset({"Queue", "JoinableQueue"})
_PROXY_PUTS = frozenset({"put", "put_nowait"})
_PROXY_GETS = frozenset({"get", "get_nowait"})
_QUEUE_SAID = {"en": "queue", "zh": "队列"}  # a join on a queue with no name of its own, as blocking.said says kinds
# What a multiprocessing queue's maxsize is when none was given (multiprocessing.synchronize.SEM_VALUE_MAX).
_UNBOUNDED = getattr(getattr(_multiprocessing, "SemLock", None), "SEM_VALUE_MAX", sys.maxsize)


def install() -> None:
    for name, patch in (
        ("queue", _install_thread_queue),
        ("multiprocessing.queues", _install_process_queues),
        ("multiprocessing.managers", _install_manager_queues),
        ("multiprocessing.pool", _install_pool),
        ("concurrent.futures.process", _install_executor),
    ):
        import_hook.when_imported(name, patch)


def _install_thread_queue(module: ModuleType) -> None:
    cls = module.Queue
    _naming_init(cls, cls.__name__, lambda q: q.maxsize)
    cls.put = _counted_put(cls.put)
    cls.get = _counted_get(cls.get)
    cls.join = _joining(cls.join)


def _install_process_queues(mpq: ModuleType) -> None:
    _naming_init(mpq.Queue, "Queue", lambda q: q._maxsize if q._maxsize < _UNBOUNDED else 0)
    _naming_init(mpq.SimpleQueue, "SimpleQueue", lambda q: 0)
    for cls in (mpq.Queue, mpq.JoinableQueue):
        cls.put = _counted_put(cls.put)
    mpq.SimpleQueue.put = _counted_put(mpq.SimpleQueue.put, blocks=False)
    mpq.Queue.get = _counted_get(mpq.Queue.get, watched=True)
    mpq.SimpleQueue.get = _counted_get(mpq.SimpleQueue.get, blocks=False, watched=True)
    mpq.JoinableQueue.join = _joining(mpq.JoinableQueue.join)
    mpq.Queue._reset = _receiving_raw(mpq.Queue._reset)
    _carry_name(mpq.Queue)  # JoinableQueue's state extends Queue's
    _carry_name(mpq.SimpleQueue)


def _naming_init(cls: type, kind: str, maxsize_of: Callable[[Any], int]) -> None:
    original = cls.__init__

    @functools.wraps(original)
    def named_init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        if getattr(self, "_lab_name", None) is None and frames.user_frame() is not None:
            self._lab_name = frames.creation_name(type(self).__name__)
            report.queue_created(self._lab_name, maxsize_of(self))

    cls.__init__ = named_init


def _counted_put(original: Any, blocks: bool = True) -> Any:
    @functools.wraps(original)
    def put(self: Any, obj: Any, block: bool = True, *args: Any, **kwargs: Any) -> None:
        name = getattr(self, "_lab_name", None)
        if name is None:
            return original(self, obj, block, *args, **kwargs) if blocks else original(self, obj)
        # Only a bounded queue's put can wait: look for the student's frame only then.
        frame = frames.user_frame() if blocks and block and _bounded(self) else None
        if frame is None:
            if blocks:
                original(self, obj, block, *args, **kwargs)
            else:
                original(self, obj)
        else:
            try:
                original(self, obj, False)
            except queue.Full:
                with report.Waiting(report.WAITING_PUT, name, frame):
                    original(self, obj, True, *args, **kwargs)
        report.put(name)
        return None

    return put


def _has_items(queue_object: Any) -> bool:
    """Whether a get would find an item now, cheaply (a thread queue's lock, a process queue's pipe)."""
    reader = getattr(queue_object, "_reader", None)
    if reader is not None:
        return blocking.readable(reader)
    return not queue_object.empty()


def _bounded(queue_object: Any) -> bool:
    maxsize = getattr(queue_object, "_maxsize", None)
    if maxsize is None:
        maxsize = getattr(queue_object, "maxsize", 0)
    return 0 < maxsize < _UNBOUNDED


def _counted_get(original: Any, blocks: bool = True, watched: bool = False) -> Any:
    """A counted ``get``; a process queue's (``watched``) is shown waiting by :mod:`.get_watch`, not polled first."""

    @functools.wraps(original)
    def get(self: Any, block: bool = True, *args: Any, **kwargs: Any) -> Any:
        name = getattr(self, "_lab_name", None)
        if name is None:
            return original(self, block, *args, **kwargs) if blocks else original(self)
        watch = report.watch() if watched and block else None
        if watch is not None:  # the hot path of a queue-heavy script: no system call, no closure
            note = watch.started(name, sys._getframe(1))
            try:
                item = original(self, block, *args, **kwargs) if blocks else original(self)
            finally:
                if watch.ended(note):  # it was shown waiting
                    report.state(report.RUNNING, "", frames.user_frame())
        elif not block or _has_items(self) or frames.user_frame() is None:
            item = original(self, block, *args, **kwargs) if blocks else original(self)
        else:
            with report.Waiting(report.WAITING_GET, name, frames.user_frame()):
                item = original(self, block, *args, **kwargs) if blocks else original(self)
        report.got(name)
        return item

    return get


def _receiving_raw(original: Any) -> Any:
    """A process queue reads its pipe through the pipe's own ``recv_bytes``, not the reporting one.

    Its ``get`` reports the wait itself; the pipe's wrapper (:mod:`.blocking`)
    would only find the queue calling, never the student, on every item.
    """

    @functools.wraps(original)
    def _reset(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        raw = getattr(type(self._reader).recv_bytes, "__wrapped__", None)
        if raw is not None:
            self._recv_bytes = raw.__get__(self._reader)

    return _reset


def _joining(original: Any) -> Any:
    @functools.wraps(original)
    def join(self: Any) -> None:
        frame = frames.user_frame()
        if frame is None:
            return original(self)
        with report.Waiting(report.WAITING_JOIN, getattr(self, "_lab_name", None) or _QUEUE_SAID, frame):
            return original(self)

    return join


def _carry_name(cls: type) -> None:
    """A queue sent to a child keeps its name there (the state gets one more item)."""
    getstate, setstate = cls.__getstate__, cls.__setstate__

    def getstate_with_name(self: Any) -> tuple:
        return (*getstate(self), getattr(self, "_lab_name", None))

    def setstate_with_name(self: Any, state: tuple) -> None:
        setstate(self, state[:-1])
        self._lab_name = state[-1]

    cls.__getstate__, cls.__setstate__ = getstate_with_name, setstate_with_name


# ------------------------------------------------------------ manager queues
def _install_manager_queues(managers: ModuleType) -> None:
    proxy = managers.BaseProxy
    original_init, original_call, original_reduce = proxy.__init__, proxy._callmethod, proxy.__reduce__

    @functools.wraps(original_init)
    def named_init(self: Any, token: Any, *args: Any, **kwargs: Any) -> None:
        original_init(self, token, *args, **kwargs)
        if token.typeid in _QUEUE_TYPEIDS and frames.user_frame() is not None:
            self._lab_name = frames.creation_name(token.typeid)
            report.queue_created(self._lab_name, 0)

    @functools.wraps(original_call)
    def _callmethod(self: Any, methodname: str, args: tuple = (), kwds: dict | None = None) -> Any:
        name = self.__dict__.get("_lab_name")
        if name is None or (methodname not in _PROXY_PUTS and methodname not in _PROXY_GETS):
            return original_call(self, methodname, args, kwds or {})
        frame = frames.user_frame(3)  # student -> generated proxy method -> _callmethod
        # A manager queue is unbounded unless made with a maxsize the proxy cannot see: only a get waits.
        if frame is None or methodname.endswith("_nowait") or methodname in _PROXY_PUTS:
            result = original_call(self, methodname, args, kwds or {})
        else:
            with report.Waiting(report.WAITING_GET, name, frame):
                result = original_call(self, methodname, args, kwds or {})
        (report.got if methodname in _PROXY_GETS else report.put)(name)
        return result

    def reduce_with_name(self: Any) -> tuple:
        reduced = original_reduce(self)
        name = self.__dict__.get("_lab_name")
        return reduced if name is None else (rebuild_named_proxy, (reduced[0], reduced[1], name))

    proxy.__init__, proxy._callmethod, proxy.__reduce__ = named_init, _callmethod, reduce_with_name


def rebuild_named_proxy(function: Any, args: tuple, name: str) -> Any:
    """Unpickle a manager proxy sent to a child, keeping the queue's name."""
    proxy = function(*args)
    proxy._lab_name = name
    return proxy


# ---------------------------------------------------------- pools, executors
def _worker_get(raw_get: Any, name: str, ready: Callable[[], bool]) -> Any:
    """A pool or executor worker's ``get``: counts real tasks (not the stop sentinel) and shows the wait."""

    def get(*args: Any, **kwargs: Any) -> Any:
        waited = not ready()
        if waited:
            report.state(report.WAITING_GET, name)
            report.flush()  # idle now: send what is buffered, for the pool may be terminated while we wait
        item = raw_get(*args, **kwargs)
        if waited:
            report.state(report.RUNNING)
        if item is not None:
            report.got(name)
        return item

    return get


def _flushing_put(raw_put: Any) -> Any:
    """A worker's result ``put``: what the worker reported goes first, so it reaches the run before its result.

    A pool is usually terminated (SIGTERM, no goodbye) as soon as its last result is in.
    """

    def put(obj: Any, *args: Any, **kwargs: Any) -> Any:
        report.flush()
        return raw_put(obj, *args, **kwargs)

    return put


def _counting_put(raw_put: Any, name: str) -> Any:
    def put(obj: Any, *args: Any, **kwargs: Any) -> Any:
        result = raw_put(obj, *args, **kwargs)
        if obj is not None:  # None is the workers' stop sentinel, not a task
            report.put(name)
        return result

    return put


def _install_pool(pool: ModuleType) -> None:
    original_setup = pool.Pool._setup_queues

    @functools.wraps(original_setup)
    def _setup_queues(self: Any) -> None:
        original_setup(self)
        name = f"{frames.creation_name('Pool', depth=3)} tasks"
        self._inqueue._lab_name = name  # travels to the workers with the queue; they count the gets
        self._quick_put = _counting_put(self._quick_put, name)
        report.queue_created(name, 0)

    pool.Pool._setup_queues = _setup_queues
    original_worker = pool.worker

    @functools.wraps(original_worker)
    def worker(inqueue: Any, outqueue: Any, *args: Any, **kwargs: Any) -> Any:
        name = getattr(inqueue, "_lab_name", None)
        if name and isinstance(inqueue, sys.modules["multiprocessing.queues"].SimpleQueue):
            inqueue._lab_name = None  # counted here, without the stop sentinels
            inqueue.get = _worker_get(inqueue.get, name, lambda: blocking.readable(inqueue._reader))
            outqueue.put = _flushing_put(outqueue.put)
        return original_worker(inqueue, outqueue, *args, **kwargs)

    pool.worker = worker


def _install_executor(process: ModuleType) -> None:
    executor = process.ProcessPoolExecutor
    original_init = executor.__init__

    @functools.wraps(original_init)
    def named_init(self: Any, *args: Any, **kwargs: Any) -> None:
        original_init(self, *args, **kwargs)
        name = f"{frames.creation_name('ProcessPoolExecutor')} calls"
        calls = self._call_queue
        calls._lab_name = name  # travels to the workers with the queue; they count the gets
        # Counted here, without the stop sentinels: the class's put would count them too.
        calls.put = _counting_put(functools.partial(type(calls).put.__wrapped__, calls), name)
        report.queue_created(name, 0)

    executor.__init__ = named_init
    original_worker = process._process_worker

    @functools.wraps(original_worker)
    def _process_worker(call_queue: Any, result_queue: Any, *args: Any, **kwargs: Any) -> Any:
        name = getattr(call_queue, "_lab_name", None)
        if name:
            call_queue._lab_name = None
            call_queue.get = _worker_get(call_queue.get, name, lambda: blocking.readable(call_queue._reader))
            result_queue.put = _flushing_put(result_queue.put)
        return original_worker(call_queue, result_queue, *args, **kwargs)

    process._process_worker = _process_worker
