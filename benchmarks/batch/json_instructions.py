"""Instructions per model of the JSON target alone (``dumps_model_bytes``), on the mixed set's models.

Run: ``python3 benchmarks/batch/json_instructions.py [--messages 300] [--repeat 3] [--family fix]``
(needs valgrind). The child reads the generated mixed set (``tests/batch/mixed.py``, seed 8) to
models outside the counted region, encodes every model once (warm-up: the per-class converters
are made then), then encodes them all ``--repeat`` times inside :func:`benchmarks.callgrind.run_counted`;
only that region is counted (:func:`benchmarks.callgrind.region_instructions`), so reading,
start-up and imports are left out. It also prints a SHA-256 of all the encoded documents: two
trees that print the same digest wrote the same bytes (compare it before and after a change).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))


def _models(messages: int, family: str | None) -> list[Any]:
    from finmsg.batch.reading import read_whole
    from finmsg.registry import sniff_format
    from tests.batch.mixed import generate

    models: list[Any] = []
    with tempfile.TemporaryDirectory(dir="/dev/shm" if os.path.isdir("/dev/shm") else None) as tmp:
        generate(Path(tmp) / "src", messages, seed=8)
        for path in sorted(p for p in Path(tmp, "src").rglob("*") if p.is_file()):
            data = read_whole(str(path))
            try:
                handler = sniff_format(data)
                parts = list(handler.split(data, {}))
            except Exception:
                continue
            for part in parts:
                try:
                    model = handler.read(part.data, {}).value
                except Exception:
                    continue
                if model is not None and (family is None or model.family == family):
                    models.append(model)
    return models


def _child(messages: int, repeat: int, family: str | None, digest_only: bool) -> None:
    from benchmarks.callgrind import run_counted
    from finmsg.jsonfmt import dumps_model_bytes

    models = _models(messages, family)
    documents = [dumps_model_bytes(m) for m in models]  # warm-up
    if digest_only:
        print(len(models), hashlib.sha256(b"".join(documents)).hexdigest())
        return

    def encode_all() -> None:
        for model in models:
            dumps_model_bytes(model)

    run_counted(encode_all, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--family", default=None, help="iso20022, mt or fix (default: every model)")
    parser.add_argument("--child", choices=("count", "digest"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.messages, args.repeat, args.family, args.child == "digest")
        return
    from benchmarks.callgrind import region_instructions

    argv = [str(Path(__file__).resolve()), "--messages", str(args.messages), "--repeat", str(args.repeat)]
    if args.family:
        argv += ["--family", args.family]
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run(
        [sys.executable, *argv, "--child", "digest"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=True,
    )
    count, digest = done.stdout.split()
    total = region_instructions([*argv, "--child", "count"], label="json")
    per = total / args.repeat / int(count)
    what = args.family or "mixed"
    print(f"{count} models ({what}), documents sha256 {digest[:16]}: {per:,.0f} instructions/model")


if __name__ == "__main__":
    main()
