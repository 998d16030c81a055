#!/usr/bin/env python3
"""Vendor the QuickFIX XML data dictionaries into ``finmsg/data/fix/``.

Why a script: the dictionaries are third-party data; keeping the exact source
(package, version, path inside the archive, SHA-256) next to them lets anyone
reproduce or audit the vendored copy. The files come from the ``quickfix``
source distribution on PyPI, fetched with pip's ordinary client.

Usage::

    python3 scripts/update_fix_dictionaries.py            # pip download quickfix==VERSION
    python3 scripts/update_fix_dictionaries.py --sdist quickfix-1.16.0.tar.gz
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "quickfix"
VERSION = "1.16.0"
NAMES = (
    "FIX40.xml",
    "FIX41.xml",
    "FIX42.xml",
    "FIX43.xml",
    "FIX44.xml",
    "FIX50.xml",
    "FIX50SP1.xml",
    "FIX50SP2.xml",
    "FIXT11.xml",
)
TARGET = Path(__file__).resolve().parents[1] / "finmsg" / "data" / "fix"


def _download(version: str, into: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--no-binary",
            ":all:",
            f"{PACKAGE}=={version}",
            "-d",
            str(into),
        ],
        check=True,
    )
    found = sorted(into.glob(f"{PACKAGE}-{version}.tar.gz"))
    if not found:
        raise SystemExit(f"pip did not produce {PACKAGE}-{version}.tar.gz in {into}")
    return found[0]


def vendor(sdist: Path, version: str, target: Path = TARGET) -> list[tuple[str, str, int]]:
    """Copy ``spec/<name>`` of the sdist into ``target``; return (name, sha256, size) rows."""
    target.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[str, str, int]] = []
    with tarfile.open(sdist, "r:gz") as tar:
        for name in NAMES:
            member = tar.getmember(f"{PACKAGE}-{version}/spec/{name}")
            handle = tar.extractfile(member)
            if handle is None:
                raise SystemExit(f"{member.name} is not a regular file")
            data = handle.read()
            (target / name).write_bytes(data)
            rows.append((name, hashlib.sha256(data).hexdigest(), len(data)))
        licence = tar.extractfile(tar.getmember(f"{PACKAGE}-{version}/LICENSE"))
        if licence is not None:
            (target / "LICENSE.quickfix").write_bytes(licence.read())
    archive_sha = hashlib.sha256(sdist.read_bytes()).hexdigest()
    lines = [
        "# Vendored FIX data dictionaries",
        "",
        f"Source: PyPI package `{PACKAGE}` version `{version}`, source distribution",
        f"`{sdist.name}` (sha256 `{archive_sha}`), files `{PACKAGE}-{version}/spec/<name>`.",
        "Licence: QuickFIX Software License 1.0 (BSD-style), copied from the sdist as `LICENSE.quickfix`.",
        "Regenerate with `python3 scripts/update_fix_dictionaries.py` (never edit these files by hand).",
        "",
        "| file | path in archive | bytes | sha256 |",
        "|---|---|---|---|",
    ]
    lines += [f"| {n} | {PACKAGE}-{version}/spec/{n} | {size} | `{sha}` |" for n, sha, size in rows]
    (target / "SOURCES.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sdist", type=Path, help="use this local quickfix sdist instead of pip download")
    parser.add_argument("--version", default=VERSION)
    args = parser.parse_args(argv)
    if args.sdist:
        rows = vendor(args.sdist, args.version)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            rows = vendor(_download(args.version, Path(tmp)), args.version)
    for name, sha, size in rows:
        print(f"{name:14} {size:>9} {sha}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
