"""Commands outside the build (README, "Layout"), each a module run with `python -m tools.NAME`."""

from __future__ import annotations

import sys
from collections.abc import Callable


def run(command: str, work: Callable[[], str], *errors: type[Exception]) -> int:
    """Do a command's `work` and print the line it returns (exit status 0), or, when it raises one of
    `errors`, print `command: error` on stderr (exit status 1): a mistake is a message, never a traceback."""
    try:
        done = work()
    except errors as err:
        print(f"{command}: {err}", file=sys.stderr)
        return 1
    print(done)
    return 0
