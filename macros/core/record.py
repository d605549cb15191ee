"""A validated record and where it was written: what the loader hands the cross-record checks,
so each problem they find points at the record's file and line."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from .yamlfile import Document, FieldPath, Problem, Stage


@dataclass(frozen=True)
class Record:
    """A validated model and where it was written, so later checks can point at its lines."""

    kind: str
    model: Any
    doc: Document
    base: FieldPath

    def problem(self, path: FieldPath, message: str, target: tuple[str, str] | None = None) -> Problem:
        """A problem with this record; `target` (kind, id) marks a reference to another record."""
        problem = self.doc.problem((*self.base, *path), message, shown=(self.model.id, *path))
        return replace(problem, stage=Stage.REFERENCE, target=target) if target else problem
