"""Instructions per message of the batch pipeline, by message type of the mixed set (``--jobs 1``).

Run: ``python3 benchmarks/batch/types.py [--messages 150] [--types fix,pacs008]`` (needs valgrind).

For each kind of input the mixed set (``tests/batch/mixed.py``) holds, a folder of about
``--messages`` messages of that kind alone is converted by the child of
``benchmarks/batch/instructions.py`` (warm process: one-off costs left out, the run's
garbage-collector settings), stage by stage: ``read`` (sniff + split + read to the model),
``json`` (read + the model to JSON) and ``pipeline`` (``process_chunk``: everything a worker
does). The table prints the reader's and the JSON encoder's share and what the pipeline adds
(hashing, atomic writes, audit records, the manifest line), per message, and each kind's
weight in the mix, so that where the mixed set's instructions go can be read off directly.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.batch import mixed  # noqa: E402

#: Kind -> (file name pattern, messages per file, one file's bytes for number n).
KINDS: dict[str, tuple[str, int, Callable[[int], bytes]]] = {
    "pacs008": ("iso{n}.xml", 1, mixed.pacs008),
    "pacs008-apphdr-x3": ("batch{n}.xml", 3, lambda n: _envelope(n)),
    "camt053": ("iso{n}.xml", 1, mixed.camt053),
    "mt103": ("mt{n}.fin", 1, mixed.mt103),
    "mt940": ("mt{n}.fin", 1, mixed.mt940),
    "mt103-rje-x4": ("multi{n}.rje", 4, lambda n: b"\r\n$".join(mixed.mt103(n * 10 + i) for i in range(4))),
    "fix-log-x8": (
        "fix{n}.log",
        8,
        lambda n: b"\n".join(mixed.fix_message(n * 100 + i) for i in range(8)) + b"\n",
    ),
}

#: Share of each kind's messages in the mixed set (from the generator's probabilities and mean counts).
MIX = {
    "pacs008": 18 * 1,
    "pacs008-apphdr-x3": 20 * 3,
    "camt053": 7 * 1,
    "mt103": 13 * 1,
    "mt940": 7 * 1,
    "mt103-rje-x4": 15 * 4,
    "fix-log-x8": 20 * 7.5,
}


def _envelope(n: int) -> bytes:
    """Three AppHdr + pacs.008 pairs in one wrapper, as the mixed set's ``batch*.xml`` files."""
    return b"<Envelope>" + b"".join(mixed.pacs008(n * 10 + i, True) for i in range(3)) + b"</Envelope>"


def _write(folder: Path, kind: str, messages: int) -> int:
    pattern, per_file, make = KINDS[kind]
    folder.mkdir(parents=True)
    files = max(1, messages // per_file)
    for n in range(1, files + 1):
        (folder / pattern.format(n=n)).write_bytes(make(n))
    return files * per_file


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=150, help="messages per kind")
    parser.add_argument("--types", default=",".join(KINDS), help="comma-separated kinds (default: all)")
    parser.add_argument("--stages", default="read,json,pipeline")
    args = parser.parse_args()
    from benchmarks.callgrind import instructions

    kinds = [k for k in args.types.split(",") if k]
    stages = [s for s in args.stages.split(",") if s]
    script = str(REPO / "benchmarks" / "batch" / "instructions.py")
    total_mix = sum(MIX.values())
    with tempfile.TemporaryDirectory(
        prefix="finmsg-types-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None
    ) as tmp:
        root = Path(tmp)
        mixed.generate(root / "warm", 60, seed=9)
        print(f"instructions per message, warm process, target json ({args.messages} messages per kind)")
        head = " ".join(f"{s:>10}" for s in stages)
        print(f"  {'kind':18} {'mix %':>6} {head}   reader     json  pipeline's own")
        weighted = dict.fromkeys(stages, 0.0)
        for kind in kinds:
            folder = root / kind
            count = _write(folder, kind, args.messages)
            counts = {}
            for stage in ("none", *stages):  # "none": start-up, warm-up and the folder's file list
                work = root / f"w-{kind}-{stage}"
                argv = [script, "--child", stage, str(folder), str(root / "warm"), str(work)]
                counts[stage] = instructions(argv, label=f"{kind}-{stage}")
                shutil.rmtree(work, ignore_errors=True)
            per = {stage: (counts[stage] - counts["none"]) / count for stage in stages}
            for stage in stages:
                weighted[stage] += per[stage] * MIX[kind] / total_mix
            extra = ""
            if {"read", "json", "pipeline"} <= set(per):
                own = per["pipeline"] - per["json"]
                extra = f" {per['read']:8,.0f} {per['json'] - per['read']:8,.0f} {own:8,.0f}"
            share = 100 * MIX[kind] / total_mix
            print(f"  {kind:18} {share:5.1f}% " + " ".join(f"{per[s]:10,.0f}" for s in stages) + extra)
        if len(kinds) == len(KINDS):
            cells = " ".join(f"{weighted[s]:10,.0f}" for s in stages)
            print(f"  {'weighted (mix)':18} {100.0:5.1f}% {cells}")


if __name__ == "__main__":
    main()
