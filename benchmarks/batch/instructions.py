"""Instructions per message of the batch pipeline's stages, at ``--jobs 1`` (repeatable on a busy machine).

Run: ``python3 benchmarks/batch/instructions.py [--messages 1000]`` (needs valgrind). Each stage is a
child process that first converts a warm-up set (so one-off costs — imports, dictionaries,
per-class serialisers — are left out), then repeats its stage over the generated mixed set;
the printed figure is (instructions of the run − instructions of the warm-up-only run) / messages.

Stages: ``read`` (read each file, sniff, split, read every message to the model), ``json`` (the
models to indented JSON), ``write`` (atomic writes of outputs of the same sizes), ``hash`` (the
input and output digests), ``pipeline`` (``process_chunk``: everything a worker does per input,
including audit records and manifest lines). What ``pipeline`` costs beyond ``read`` is the
pipeline's own share.

Every stage runs under the garbage-collector settings of ``run_batch`` (the warm heap frozen,
young collections every ``GC_YOUNG`` allocations); ``--gc default`` keeps Python's own settings
(as this script measured before those settings existed).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

STAGES = ("read", "json", "write", "hash", "pipeline")


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _child(stage: str, src: Path, warm: Path, work: Path, gc_policy: bool = True) -> None:
    from finmsg.batch.tasks import BatchConfig, FileTask
    from finmsg.batch.worker import init_worker, process_chunk

    def tasks(folder: Path) -> list[FileTask]:
        return [
            FileTask(str(p), f"{folder.name}/{p.relative_to(folder).with_suffix('')}", p.suffix, path=str(p))
            for p in _files(folder)
        ]

    config = BatchConfig(target="json", out_dir=work / "out", quarantine_dir=work / "q")
    init_worker(config)
    process_chunk(tasks(warm))  # one-off costs out of the way
    if stage == "none":
        return
    if gc_policy:  # what run_batch does after its first chunk: freeze the warm heap, fewer young collections
        from finmsg.batch.runner import _settle_heap, _young_collections

        _settle_heap()
        with _young_collections():
            _stage(stage, src, work, tasks)
        return
    _stage(stage, src, work, tasks)


def _stage(stage: str, src: Path, work: Path, tasks: Callable[[Path], list[Any]]) -> None:
    from finmsg.batch.worker import process_chunk
    from finmsg.jsonfmt import dumps_model_bytes
    from finmsg.registry import sniff_format

    files = _files(src)
    if stage == "pipeline":
        process_chunk(tasks(src))
        return
    models = []
    for path in files:
        data = path.read_bytes()
        try:
            handler = sniff_format(data)
            parts = list(handler.split(data, {}))
        except Exception:
            continue
        for part in parts:
            try:
                models.append(handler.read(part.data, {}).value)
            except Exception:
                continue
    if stage == "read":
        return
    outputs = [dumps_model_bytes(m) for m in models if m is not None]
    if stage == "json":
        return
    if stage == "hash":
        for path in files:
            hashlib.sha256(path.read_bytes()).hexdigest()
        for out in outputs:
            hashlib.sha256(out).hexdigest()
        return
    from finmsg.batch.atomic import write_atomic

    folder = work / "w"
    for n, out in enumerate(outputs):
        write_atomic(os.path.join(folder, f"m{n}.json"), out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument(
        "--gc",
        choices=("run", "default"),
        default="run",
        help="run: the garbage-collector settings of run_batch (default); default: Python's own",
    )
    parser.add_argument("--child", nargs=4, metavar=("STAGE", "SRC", "WARM", "WORK"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        stage, src, warm, work = args.child
        _child(stage, Path(src), Path(warm), Path(work), gc_policy=args.gc == "run")
        return
    from benchmarks.callgrind import instructions
    from tests.batch.mixed import generate

    with tempfile.TemporaryDirectory(
        prefix="finmsg-instr-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None
    ) as tmp:
        root = Path(tmp)
        expected = generate(root / "src", args.messages, seed=8)
        generate(root / "warm", 60, seed=9)
        counts = {}
        for stage in ("none", "read", "json", "hash", "write", "pipeline"):
            work = root / f"work-{stage}"
            argv = [
                str(Path(__file__).resolve()),
                "--gc",
                args.gc,
                "--child",
                stage,
                str(root / "src"),
                str(root / "warm"),
                str(work),
            ]
            counts[stage] = instructions(argv, label=stage)
            shutil.rmtree(work, ignore_errors=True)
        base = counts["none"]
        per = {k: (v - base) / expected.messages for k, v in counts.items() if k != "none"}
        print(
            f"{expected.messages} mixed messages in {expected.files} files, target json; "
            "instructions per message (warm process):"
        )
        print(f"  read (sniff+split+read)  {per['read']:10,.0f}")
        print(f"  + model to JSON          {per['json'] - per['read']:10,.0f}")
        print(f"  + hashing in and out     {per['hash'] - per['json']:10,.0f}")
        print(f"  + atomic file writes     {per['write'] - per['json']:10,.0f}")
        print(f"  pipeline (process_chunk) {per['pipeline']:10,.0f}")
        print(
            f"  pipeline's own share     {per['pipeline'] - per['read']:10,.0f} "
            f"({100 * (per['pipeline'] - per['read']) / per['pipeline']:.0f}%)"
        )


if __name__ == "__main__":
    main()
