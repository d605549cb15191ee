"""The browser the tests drive: the same launcher as `make pdf` (tools/chromium.py)."""

from tools.chromium import chromium

__all__ = ["chromium"]
