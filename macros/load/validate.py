"""`make validate`: load the data, print every problem as file:line: field: message.

Beyond the loader's rules (which every build applies) it runs `review.py`'s, which need the
gazetteer: spellings and coordinates. It also warns (never fails) about each paragraph of the
briefing that cites an event whose claims changed after the prose was last reviewed (`prose.py`).

Exit 0 when the data is valid, 1 when it is not; a data mistake never prints a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.yamlfile import DataError, Problem
from .loader import DATA_DIR, load_dataset
from .notices import likely_duplicates, nested_figures
from .prose import stale_prose
from .review import review_dataset


def annotation(problem: Problem) -> str:
    """A GitHub Actions error annotation that marks the file and line in a pull request."""
    message = f"{problem.field}: {problem.message}" if problem.field else problem.message
    message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::error file={problem.file},line={problem.line},title=Data error::{message}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.load.validate", description=__doc__)
    parser.add_argument("data_dir", nargs="?", type=Path, default=DATA_DIR)
    parser.add_argument("--github", action="store_true", help="also print GitHub Actions annotations")
    args = parser.parse_args(argv)
    try:
        dataset = load_dataset(args.data_dir)
        problems = review_dataset(args.data_dir, dataset)
        if problems:
            raise DataError(problems)
    except DataError as err:
        print(err.report(), file=sys.stderr)
        if args.github:
            for problem in err.causes:
                print(annotation(problem))
        return 1
    for warning in stale_prose(args.data_dir, dataset):
        print(warning, file=sys.stderr)
    for note in [*nested_figures(args.data_dir, dataset), *likely_duplicates(args.data_dir, dataset)]:
        print(note, file=sys.stderr)
    held = dataset.counts()
    counts = ", ".join(f"{held[kind]} {kind}" for kind in ("sources", "events", "places", "actors", "assessments"))
    print(f"data is valid: {counts}, {held['claims']} claims".replace(" 1 assessments", " 1 assessment"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
