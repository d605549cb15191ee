"""`make offline`: the site as a zip that works opened from disk, with no network at all.

Builds with Material's offline plugin (search index inlined, plain .html links, the local
iframe-worker shim) into a fresh folder and zips it with fixed timestamps, so the same commit
gives the same bundle.

    python -m tools.offline [--out dist/libya-watch-offline.zip]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from macros.core.project import PROJECT_DIR

ROOT = PROJECT_DIR
FOLDER = "libya-watch"  # the zip's single top-level folder
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def build_offline(site: Path) -> None:
    env = {**os.environ, "OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = Path(sys.executable).parent / "mkdocs"
    subprocess.run(
        [str(mkdocs), "build", "--strict", "--quiet", "--site-dir", str(site)], cwd=ROOT, env=env, check=True
    )


def write_zip(site: Path, out: Path) -> int:
    """Zip `site` under one folder, files in sorted order with fixed dates; returns the file count."""
    out.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in site.rglob("*") if p.is_file())
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for path in files:
            info = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(site).as_posix()}", date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            bundle.writestr(info, path.read_bytes())
    return len(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.offline", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "libya-watch-offline.zip")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_offline(site)
        count = write_zip(site, args.out)
    print(f"{args.out}: {count} files; unzip it and open {FOLDER}/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
