"""Instructions per message of the batch pipeline's stages, at ``--jobs 1`` (repeatable on a busy machine).

Run: ``python3 benchmarks/batch/instructions.py [--messages 1000]`` (needs valgrind). Each stage is a
child process that first converts a warm-up set (so one-off costs — imports, dictionaries,
per-class serialisers — are left out), then repeats its stage over the generated mixed set;
the printed figure is (instructions of the run − instructions of the warm-up-only run) / messages.

Stages: ``read`` (read each file, sniff, split, read every message to the model), ``json`` (the
models to indented JSON), ``write`` (atomic writes of outputs of the same sizes), ``hash`` (the
input and output digests), ``pipeline`` (``process_chunk``: everything a worker does per input,
including audit records and manifest lines). What ``pipeline`` costs beyond ``read`` is the
pipeline's own share. Every run, the warm-up-only one included, first lists the set's files and
builds their tasks (pathlib work a real run does not do in its workers), so that cost cancels out;
files are read as a worker reads them (:func:`finmsg.batch.reading.read_whole`). The same stages by
message type: ``benchmarks/batch/types.py``.

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
    # The set's file list and tasks are built in every run, "none" included, so that their
    # cost (pathlib: the walk of a real run is plain strings, in the coordinator) cancels out.
    files, src_tasks = _files(src), tasks(src)
    if stage == "none":
        return
    if gc_policy:  # what run_batch does after its first chunk: freeze the warm heap, fewer young collections
        from finmsg.batch.runner import _settle_heap, _young_collections

        _settle_heap()
        with _young_collections():
            _stage(stage, files, src_tasks, work)
        return
    _stage(stage, files, src_tasks, work)


def _stage(stage: str, files: list[Path], src_tasks: list[Any], work: Path) -> None:
    from finmsg.batch.reading import read_whole
    from finmsg.batch.worker import process_chunk
    from finmsg.jsonfmt import dumps_model_bytes
    from finmsg.registry import sniff_format

    if stage == "pipeline":
        process_chunk(src_tasks)
        return
    models = []
    for path in files:
        data = read_whole(str(path))  # as a worker reads it
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
            hashlib.sha256(read_whole(str(path))).hexdigest()
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
    parser.add_argument(
        "--stages",
        default=",".join(STAGES),
        help="comma-separated stages to count (default: all); an empty value counts none",
    )
    parser.add_argument(
        "--families",
        action="store_true",
        help="also run the pipeline stage on the ISO, MT and FIX files of the set apart (cost per family)",
    )
    parser.add_argument("--child", nargs=4, metavar=("STAGE", "SRC", "WARM", "WORK"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        stage, src, warm, work = args.child
        _child(stage, Path(src), Path(warm), Path(work), gc_policy=args.gc == "run")
        return
    from benchmarks.callgrind import instructions
    from tests.batch.mixed import generate

    stages = [s for s in args.stages.split(",") if s]
    unknown = set(stages) - set(STAGES)
    if unknown:
        parser.error(f"unknown stage(s): {', '.join(sorted(unknown))}")
    with tempfile.TemporaryDirectory(
        prefix="finmsg-instr-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None
    ) as tmp:
        root = Path(tmp)
        expected = generate(root / "src", args.messages, seed=8)
        generate(root / "warm", 60, seed=9)
        counts = {}
        for stage in ("none", *stages):
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
        lines = (
            ("read (sniff+split+read) ", "read", None),
            ("+ model to JSON         ", "json", "read"),
            ("+ hashing in and out    ", "hash", "json"),
            ("+ atomic file writes    ", "write", "json"),
            ("pipeline (process_chunk)", "pipeline", None),
        )
        for label, stage, minus in lines:
            if stage in per and (minus is None or minus in per):
                print(f"  {label} {per[stage] - (per[minus] if minus else 0):10,.0f}")
        if "read" in per and "pipeline" in per:
            own = per["pipeline"] - per["read"]
            print(f"  pipeline's own share     {own:10,.0f} ({100 * own / per['pipeline']:.0f}%)")
        if args.families:
            _families(root, args.gc, counts["none"], instructions)


#: The generator's file names by family (see ``tests/batch/mixed.py``).
FAMILIES = {"iso": ("iso", "batch"), "mt": ("mt", "multi"), "fix": ("fix",)}


def _messages(folder: Path) -> int:
    """Messages in ``folder`` as the pipeline counts them (its own splitter, salvage included)."""
    from finmsg.batch.splitting import split_input
    from finmsg.registry import sniff_format

    count = 0
    for path in _files(folder):
        data = path.read_bytes()
        try:
            count += len(split_input(sniff_format(data), data)) or 1
        except Exception:
            count += 1  # quarantined whole: one message
    return count


def _families(root: Path, gc_policy: str, base: int, instructions: Callable[..., int]) -> None:
    """The pipeline stage per family: each family's files of the set, copied to a folder of their own."""
    total = _messages(root / "src")
    print("  per family (pipeline stage on that family's files only):")
    for family, prefixes in FAMILIES.items():
        folder = root / f"fam-{family}"
        for path in _files(root / "src"):
            if path.name.startswith(prefixes):
                dest = folder / path.relative_to(root / "src")
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, dest)
        messages = _messages(folder)
        work = root / f"work-{family}"
        per = {}
        for stage in ("read", "pipeline"):
            argv = [
                str(Path(__file__).resolve()),
                "--gc",
                gc_policy,
                "--child",
                stage,
                str(folder),
                str(root / "warm"),
                str(work),
            ]
            per[stage] = (instructions(argv, label=f"{family}-{stage}") - base) / messages
        print(
            f"    {family:4} {messages:6} messages ({100 * messages / total:4.1f}% of the mix)  "
            f"read {per['read']:10,.0f}  pipeline {per['pipeline']:10,.0f} instructions/message  "
            f"(pipeline per mixed message {per['pipeline'] * messages / total:10,.0f})"
        )
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
