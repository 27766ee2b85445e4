"""Run a core function off the GUI thread and hand its result back to the GUI thread.

The GUI never calls the network on its own thread. A page wraps the core function in a ``Task``:

    task = run_in_background(lambda cancel, progress: discover(), parent=self,
                             on_result=self._show, on_error=self._explain)
    ...
    task.cancel()   # the page stops waiting at once

The function runs on a ``QThreadPool`` and is called as ``fn(cancel, progress)``: ``cancel`` is a
``threading.Event`` it should check between steps (and pass on to core functions that take one),
``progress(value)`` posts any value to the ``progress`` signal. Results, errors and progress reach
the GUI thread through one long-lived dispatcher object, so a worker never touches a widget or a
``Task`` that the GUI may already have deleted.

``cancel()`` is immediate: it sets the event, marks the task cancelled and emits ``cancelled`` and
``finished`` before it returns. A function that ignores the event keeps running in the background;
whatever it returns later is dropped (``discarded`` says so, for tests and logs).
Modelled on Picard's ``run_task`` and Anki's ``QueryOp``.
"""

from __future__ import annotations

import enum
import itertools
import logging
import threading
import weakref
from collections.abc import Callable
from typing import Any

from sipalg_wizard.ui.qt import Qt, QtCore, Signal, Slot, is_alive

log = logging.getLogger(__name__)

Progress = Callable[[Any], None]
Work = Callable[[threading.Event, Progress], Any]

# Enough threads that a few cancelled-but-still-finishing functions never starve a retry.
MAX_THREADS = 8


class State(enum.Enum):
    IDLE = "idle"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


class Task(QtCore.QObject):
    """One run of one function. Single use: start it once; make a new Task to retry."""

    progress = Signal(object)
    result = Signal(object)
    error = Signal(object)  # the exception the function raised
    cancelled = Signal()
    finished = Signal()  # once, after result, error or cancelled
    discarded = Signal(object)  # a late result/exception that arrived after cancel()

    def __init__(self, fn: Work, parent: QtCore.QObject | None = None, name: str = "") -> None:
        super().__init__(parent)
        self._fn = fn
        self.name = name or getattr(fn, "__name__", "task")
        self.cancel_event = threading.Event()
        self.state = State.IDLE
        # Set by the worker thread when the function has returned or raised (even after cancel).
        self.returned = threading.Event()

    @property
    def running(self) -> bool:
        return self.state is State.RUNNING

    def start(self) -> Task:
        if self.state is not State.IDLE:
            raise RuntimeError(f"task {self.name!r} was already started")
        self.state = State.RUNNING
        _dispatcher().submit(self)
        return self

    def cancel(self) -> None:
        """Stop waiting now; tell the function to stop. A no-op once the task has settled."""
        self.cancel_event.set()
        if self.state is not State.RUNNING:
            return
        self.state = State.CANCELLED
        log.debug("task %s cancelled", self.name)
        self.cancelled.emit()
        self.finished.emit()

    # Called on the GUI thread by the dispatcher.
    def _receive(self, kind: str, payload: Any) -> None:
        if kind == "progress":
            if self.state is State.RUNNING:
                self.progress.emit(payload)
            return
        if self.state is not State.RUNNING:
            log.debug("task %s: late %s ignored", self.name, kind)
            self.discarded.emit(payload)
            return
        if kind == "result":
            self.state = State.SUCCEEDED
            self.result.emit(payload)
        else:
            self.state = State.FAILED
            self.error.emit(payload)
        self.finished.emit()


class _Runnable(QtCore.QRunnable):
    def __init__(self, task_id: int, fn: Work, cancel: threading.Event, returned: threading.Event,
                 name: str) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._id, self._fn, self._cancel, self._returned, self._name = (
            task_id, fn, cancel, returned, name)

    def run(self) -> None:
        dispatcher = _dispatcher()
        task_id = self._id

        def post(kind: str, payload: Any) -> None:
            try:
                dispatcher.delivered.emit(task_id, kind, payload)
            except RuntimeError:  # the process is shutting down and the dispatcher is gone
                log.debug("task %s: %s after shutdown dropped", self._name, kind)

        def progress(value: Any) -> None:
            if not self._cancel.is_set():
                post("progress", value)

        try:
            value = self._fn(self._cancel, progress)
        except BaseException as exc:  # everything goes back to the page, which explains it
            log.info("task %s failed: %r", self._name, exc, exc_info=exc)
            self._returned.set()
            post("error", exc)
        else:
            self._returned.set()
            post("result", value)


class _Dispatcher(QtCore.QObject):
    """Lives on the GUI thread for the life of the process; workers only ever emit on it."""

    delivered = Signal(int, str, object)

    def __init__(self) -> None:
        super().__init__()
        self.pool = QtCore.QThreadPool()
        self.pool.setMaxThreadCount(MAX_THREADS)
        self.pool.setExpiryTimeout(10_000)
        self._ids = itertools.count(1)
        self._tasks: dict[int, weakref.ref[Task]] = {}
        self._events: dict[int, threading.Event] = {}
        self.delivered.connect(self._on_delivered, Qt.ConnectionType.QueuedConnection)

    def submit(self, task: Task) -> None:
        task_id = next(self._ids)
        self._tasks[task_id] = weakref.ref(task)
        self._events[task_id] = task.cancel_event
        self.pool.start(_Runnable(task_id, task._fn, task.cancel_event, task.returned, task.name))

    @Slot(int, str, object)
    def _on_delivered(self, task_id: int, kind: str, payload: Any) -> None:
        ref = self._tasks.get(task_id) if kind == "progress" else self._tasks.pop(task_id, None)
        if kind != "progress":
            self._events.pop(task_id, None)
        task = ref() if ref is not None else None
        if task is None or not is_alive(task):
            return  # the page that asked is gone
        task._receive(kind, payload)

    def shutdown(self, timeout_ms: int) -> bool:
        """Ask every running function to stop and wait up to ``timeout_ms`` for them to return."""
        for event in list(self._events.values()):
            event.set()
        return self.pool.waitForDone(timeout_ms)


_the_dispatcher: _Dispatcher | None = None
_dispatcher_lock = threading.Lock()


def _dispatcher() -> _Dispatcher:
    global _the_dispatcher
    with _dispatcher_lock:
        if _the_dispatcher is None:
            app = QtCore.QCoreApplication.instance()
            if app is None or QtCore.QThread.currentThread() != app.thread():
                raise RuntimeError("the first Task must be started on the GUI thread of a running app")
            _the_dispatcher = _Dispatcher()
        return _the_dispatcher


def shutdown(timeout_ms: int = 3000) -> bool:
    """At exit: cancel what still runs and wait a little (every core call has its own timeout)."""
    return _the_dispatcher.shutdown(timeout_ms) if _the_dispatcher is not None else True


def run_in_background(fn: Work, *, parent: QtCore.QObject | None = None, name: str = "",
                      on_result: Callable[[Any], None] | None = None,
                      on_error: Callable[[BaseException], None] | None = None,
                      on_progress: Callable[[Any], None] | None = None,
                      on_finished: Callable[[], None] | None = None) -> Task:
    """Create, wire and start a Task in one call (the way every page starts background work)."""
    task = Task(fn, parent=parent, name=name)
    for signal, slot in ((task.result, on_result), (task.error, on_error),
                         (task.progress, on_progress), (task.finished, on_finished)):
        if slot is not None:
            signal.connect(slot)
    return task.start()
