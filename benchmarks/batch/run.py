"""Batch pipeline benchmark: messages/s at --jobs 1 and 2, scaling, peak RSS, overhead vs a plain loop.

Run: ``python3 benchmarks/batch/run.py [--messages 10000,100000] [--to json] [--dir /dev/shm]
[--huge 50,200] [--ceiling]``.
Each measured run is a fresh process (so peak RSS is that run's own, workers
included); inputs are generated mixed messages (ISO, MT, FIX, multi-message
files, 3% corrupt) in a temporary folder. ``--huge`` adds single FIX logs of
that many MB, converted once streamed and once read whole, to show that peak
RSS of a streamed input does not grow with its size.

On a shared machine compare the CPU columns (µs of CPU per message, all
processes included), not the wall clock; the file system matters too: on some
ext4 volumes creating a file costs a millisecond of kernel time, so ``--dir
/dev/shm`` isolates the pipeline's own cost. ``--ceiling`` also runs two independent ``--jobs 1``
conversions at the same time: their combined rate over one run's is the scaling this machine
allows at best, to read the ``--jobs 2`` ratio against. Where that CPU goes (coordinator vs workers,
user vs kernel, system calls per message, instructions per process) is ``benchmarks/batch/split.py``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.batch.mixed import generate  # noqa: E402

_PIPELINE = """
import json, resource, sys
from finmsg.cli import main
code = main(sys.argv[1:])
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
print(json.dumps({"code": code, "rss_kb": max(me.ru_maxrss, kids.ru_maxrss), "cpu_s": cpu}))
"""

_HUGE = """
import io, json, resource, sys, time
from pathlib import Path
from finmsg.batch import BatchConfig, RunOptions, run_batch
src, out, stream_bytes = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
config = BatchConfig(target="json", out_dir=out / "out", quarantine_dir=out / "q")
opts = RunOptions(inputs=[src], config=config, jobs=2, progress="none", stream_bytes=stream_bytes)
outcome = run_batch(opts, err=io.StringIO())
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
print(json.dumps({"code": outcome.exit_code, "messages": outcome.ledger.messages, "cpu_s": cpu,
                  "rss_kb": me.ru_maxrss, "worker_rss_kb": kids.ru_maxrss}))
"""

_LOOP = """
import json, resource, sys
from pathlib import Path
from finmsg.api import convert, detect
from finmsg.registry import find_target
src, out, to = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
ext = find_target(to).extension
out.mkdir(parents=True, exist_ok=True)
done = failed = 0
for path in sorted(p for p in src.rglob("*") if p.is_file()):
    try:
        parts = detect(path.read_bytes())
    except Exception:
        failed += 1
        continue
    for part in parts:
        try:
            result = convert(part.data, to)
        except Exception:
            failed += 1
            continue
        (out / f"{path.stem}.{part.index}{ext}").write_bytes(result.value)
        done += 1
me = resource.getrusage(resource.RUSAGE_SELF)
cpu = me.ru_utime + me.ru_stime
print(json.dumps({"code": 0, "rss_kb": me.ru_maxrss, "cpu_s": cpu, "done": done, "failed": failed}))
"""


def _timed(argv: list[str]) -> tuple[float, dict[str, float]]:
    elapsed, infos = _timed_together([argv])
    return elapsed, infos[0]


def _timed_together(argvs: list[list[str]]) -> tuple[float, list[dict[str, float]]]:
    """Run the commands at the same time; the wall time until the last one ends, and their reports."""
    start = time.perf_counter()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", *argv],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            cwd=REPO,
        )
        for argv in argvs
    ]
    outputs = [proc.communicate()[0] for proc in procs]
    elapsed = time.perf_counter() - start
    return elapsed, [json.loads(out.strip().splitlines()[-1] if out.strip() else "{}") for out in outputs]


def _argv(src: Path, out: Path, quarantine: Path, to: str, jobs: int) -> list[str]:
    return [
        _PIPELINE,
        "convert",
        str(src),
        "--to",
        to,
        "--out",
        str(out),
        "--quarantine",
        str(quarantine),
        "--jobs",
        str(jobs),
        "--progress",
        "none",
    ]


def ceiling(src: Path, work: Path, to: str, messages: int, single: float) -> None:
    """Two independent ``--jobs 1`` runs at once: how much two busy cores of this machine give.

    Nothing is shared between the two runs, so their combined rate over one run's rate is the
    best any 1 -> 2 process scaling can reach here: on virtual machines whose two vCPUs are the
    two hyperthreads of one physical core it is far below 2.
    """
    argvs = [_argv(src, work / f"ceil-out-{n}", work / f"ceil-q-{n}", to, 1) for n in (1, 2)]
    elapsed, infos = _timed_together(argvs)
    cpu = sum(info.get("cpu_s", 0.0) for info in infos)
    rate = 2 * messages / elapsed
    print(
        f"  two independent --jobs 1 runs at once: {elapsed:7.2f} s  {rate:8.0f} msg/s combined  "
        f"{1e6 * cpu / (2 * messages):6.0f} µs CPU/msg -> hardware ceiling for scaling {rate / single:.2f}x"
    )
    for n in (1, 2):
        subprocess.run(["rm", "-rf", str(work / f"ceil-out-{n}"), str(work / f"ceil-q-{n}")], check=False)


def bench(size: int, to: str, work: Path, with_ceiling: bool = False) -> None:
    src = work / f"in{size}"
    expected = generate(src, size)
    print(f"\n{size} messages in {expected.files} files ({expected.corrupt} corrupt), target {to}")
    rates = {}
    for jobs in (1, 2):
        out = work / f"out{size}-{jobs}"
        elapsed, info = _timed(_argv(src, out, work / f"q{size}-{jobs}", to, jobs))
        rates[jobs] = expected.messages / elapsed
        cpu_rate = expected.messages / max(info.get("cpu_s", 0.0), 1e-9)
        print(
            f"  pipeline --jobs {jobs}: {elapsed:7.2f} s  {rates[jobs]:8.0f} msg/s  "
            f"{cpu_rate:6.0f} msg/CPU-s ({1e6 / cpu_rate:6.0f} µs CPU/msg)  "
            f"peak RSS {info.get('rss_kb', 0) / 1024:6.1f} MiB  exit {info.get('code')}"
        )
    print(f"  scaling 1 -> 2 jobs: {rates[2] / rates[1]:.2f}x (target >= 1.8x)")
    if with_ceiling:
        ceiling(src, work, to, expected.messages, rates[1])
    elapsed, info = _timed([_LOOP, str(src), str(work / f"loop{size}"), to])
    loop_rate = expected.messages / elapsed
    loop_cpu = expected.messages / max(info.get("cpu_s", 0.0), 1e-9)
    print(
        f"  plain loop (api.convert per message, 1 process): {elapsed:7.2f} s  {loop_rate:8.0f} msg/s  "
        f"{loop_cpu:6.0f} msg/CPU-s  peak RSS {info.get('rss_kb', 0) / 1024:6.1f} MiB"
    )
    print(
        f"  pipeline --jobs 1 vs plain loop: {rates[1] / loop_rate:.2f}x "
        "(above 1.0 = the pipeline is faster; it also hashes, audits and writes atomically)"
    )


def huge(megabytes: int, work: Path) -> None:
    """One FIX log of about ``megabytes`` MB: peak RSS streamed vs read whole (``--jobs 2``)."""
    from tests.batch.mixed import fix_message

    path = work / f"huge{megabytes}.log"
    count = 0
    with open(path, "wb") as handle:
        while handle.tell() < megabytes * 1_000_000:
            handle.write(b"".join(fix_message(count + i) + b"\n" for i in range(1000)))
            count += 1000
    print(f"\none FIX log of {path.stat().st_size / 1e6:.0f} MB, {count} messages, --jobs 2")
    for label, stream_bytes in (("streamed", 8 << 20), ("read whole", 1 << 50)):
        out = work / f"huge-out-{megabytes}-{stream_bytes}"
        elapsed, info = _timed([_HUGE, str(path), str(out), str(stream_bytes)])
        print(
            f"  {label:10}: {elapsed:7.2f} s  {count / elapsed:8.0f} msg/s  "
            f"{1e6 * info.get('cpu_s', 0.0) / count:6.0f} µs CPU/msg  peak RSS coordinator "
            f"{info.get('rss_kb', 0) / 1024:6.1f} MiB, "
            f"worker {info.get('worker_rss_kb', 0) / 1024:6.1f} MiB  exit {info.get('code')}"
        )
        subprocess.run(["rm", "-rf", str(out)], check=False)
    path.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", default="10000,100000", help="comma-separated sizes")
    parser.add_argument("--to", default="json")
    parser.add_argument("--dir", default=None, help="work folder (e.g. /dev/shm to leave disk speed out)")
    parser.add_argument("--huge", default="", help="comma-separated MB sizes of FIX logs (e.g. 50,200)")
    parser.add_argument(
        "--ceiling",
        action="store_true",
        help="also run two independent --jobs 1 runs at once (the machine's scaling ceiling)",
    )
    print(
        "note: wall-clock rates and the scaling ratio need an otherwise idle machine; "
        "msg/CPU-s is the per-core throughput and is less sensitive to other load"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="finmsg-bench-", dir=args.dir) as tmp:
        for size in (int(s) for s in args.messages.split(",") if s):
            bench(size, args.to, Path(tmp), args.ceiling)
        for megabytes in (int(s) for s in args.huge.split(",") if s):
            huge(megabytes, Path(tmp))


if __name__ == "__main__":
    main()
