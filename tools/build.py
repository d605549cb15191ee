"""`make build`: a strict build that replaces the site only when it succeeds.

MkDocs builds into a fresh folder beside the target; on success that folder takes the target's
place in one rename (Linux's renameat2 RENAME_EXCHANGE where there is a previous site, so a web
server reading it never sees it missing), and the old one is removed. On failure the previous
site is left exactly as it was and the half-built folder is deleted.

    python -m tools.build [--site-dir site] [mkdocs build options...]
"""

from __future__ import annotations

import argparse
import ctypes
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from macros.core.project import PROJECT_DIR

ROOT = PROJECT_DIR
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False where the kernel or libc cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def publish(built: Path, site: Path) -> None:
    """Put `built` in the place of `site` and remove what was there."""
    if not site.exists():
        built.rename(site)
        return
    if _exchange(built, site):
        shutil.rmtree(built)  # now holds the previous site
        return
    old = site.with_name(f"{built.name}.old")
    site.rename(old)
    built.rename(site)
    shutil.rmtree(old)


def build(site: Path, mkdocs_args: list[str]) -> int:
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    # beside the target, so the final rename stays on one file system
    staging = Path(tempfile.mkdtemp(prefix=f"{site.name}.new-", dir=site.parent))
    try:
        mkdocs = Path(sys.executable).parent / "mkdocs"
        command = [str(mkdocs), "build", "--strict", "--site-dir", str(staging), *mkdocs_args]
        result = subprocess.run(command, cwd=ROOT)
        if result.returncode != 0:
            print(f"The build failed: {site} is left as it was.", file=sys.stderr)
            return result.returncode
        staging.chmod(0o777 & ~_umask())  # mkdtemp makes it private; a web server must read it
        publish(staging, site)
        print(f"Published to {site}")
        return 0
    finally:
        if staging.exists():
            shutil.rmtree(staging)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.build", description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    args, mkdocs_args = parser.parse_known_args(argv)
    try:
        return build(args.site_dir, mkdocs_args)
    except KeyboardInterrupt:
        print("Interrupted: the previous site is left as it was.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
