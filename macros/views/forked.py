"""Work done in a forked child process while this one does the rest: a build has two cores, and
making the pages' Markdown was most of a large build's time in one process.

The child is forked once the dataset is loaded and derived, so it inherits it (nothing is
sent to it); only its answer comes back, pickled. An error in the child is raised again here,
the same exception with the child's traceback added as a note; a child that dies without
answering is an error too. Where fork is unavailable the work runs here, when it is asked for.
"""

from __future__ import annotations

import multiprocessing
import pickle
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

T = TypeVar("T")


class ChildError(RuntimeError):
    """The child ended without an answer, or its error could not be sent back as it was."""


class Forked(Generic[T]):
    """`work` started in a forked child; `result()` waits for its answer. Used as a context
    manager, a child whose answer is never asked for (this process failed first) is stopped."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._work: Callable[[], T] | None = None
        self._child: multiprocessing.process.BaseProcess | None = None
        if "fork" not in multiprocessing.get_all_start_methods():
            self._work = work
            return
        context = multiprocessing.get_context("fork")
        self._answers, send = context.Pipe(duplex=False)
        self._child = context.Process(target=_answer, args=(work, send), daemon=True)
        self._child.start()
        send.close()

    def result(self) -> T:
        if self._child is None:
            assert self._work is not None
            return self._work()
        child, self._child = self._child, None
        try:
            kind, value = self._answers.recv()
        except EOFError:
            child.join()
            raise ChildError(f"the forked child ended without an answer (exit code {child.exitcode})") from None
        finally:
            self._answers.close()
        child.join()
        if kind == "error":
            raise value
        return value

    def __enter__(self) -> Forked[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._child is not None:  # never asked: this process failed before it needed the answer
            self._child.terminate()
            self._child.join()
            self._answers.close()
            self._child = None


def _answer(work: Callable[[], T], send: Connection) -> None:
    """In the child: the work's value, or its error."""
    try:
        answer: tuple[str, object] = ("value", work())
    except BaseException as error:
        answer = ("error", _sendable(error))
    send.send_bytes(pickle.dumps(answer))
    send.close()


def _sendable(error: BaseException) -> BaseException:
    """`error` with the child's traceback as a note, as the parent can rebuild it; else a
    ChildError naming it (an exception whose class takes other arguments than it keeps)."""
    told = "".join(traceback.format_exception(error)).rstrip()
    try:
        error.add_note(told)
        pickle.loads(pickle.dumps(error))
    except Exception:
        sendable = ChildError(f"{type(error).__name__}: {error}")
        sendable.add_note(told)
        return sendable
    return error
