"""Batch pipeline benchmark: messages/s at --jobs 1 and 2, scaling, peak RSS, overhead vs a plain loop.

Run: ``python3 benchmarks/batch/run.py [--messages 10000,100000] [--to json] [--dir /dev/shm]
[--huge 50,200]``.
Each measured run is a fresh process (so peak RSS is that run's own, workers
included); inputs are generated mixed messages (ISO, MT, FIX, multi-message
files, 3% corrupt) in a temporary folder. ``--huge`` adds single FIX logs of
that many MB, converted once streamed and once read whole, to show that peak
RSS of a streamed input does not grow with its size.

On a shared machine compare the CPU columns (µs of CPU per message, all
processes included), not the wall clock; the file system matters too: on some
ext4 volumes creating a file costs a millisecond of kernel time, so ``--dir
/dev/shm`` isolates the pipeline's own cost.
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
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", *argv], capture_output=True, text=True, check=False,
                          cwd=REPO)
    elapsed = time.perf_counter() - start
    last = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else "{}"
    return elapsed, json.loads(last)


def bench(size: int, to: str, work: Path) -> None:
    src = work / f"in{size}"
    expected = generate(src, size)
    print(f"\n{size} messages in {expected.files} files ({expected.corrupt} corrupt), target {to}")
    rates = {}
    for jobs in (1, 2):
        out = work / f"out{size}-{jobs}"
        argv = [_PIPELINE, "convert", str(src), "--to", to, "--out", str(out), "--quarantine",
                str(work / f"q{size}-{jobs}"), "--jobs", str(jobs), "--progress", "none"]
        elapsed, info = _timed(argv)
        rates[jobs] = expected.messages / elapsed
        cpu_rate = expected.messages / max(info.get("cpu_s", 0.0), 1e-9)
        print(f"  pipeline --jobs {jobs}: {elapsed:7.2f} s  {rates[jobs]:8.0f} msg/s  "
              f"{cpu_rate:6.0f} msg/CPU-s ({1e6 / cpu_rate:6.0f} µs CPU/msg)  "
              f"peak RSS {info.get('rss_kb', 0) / 1024:6.1f} MiB  exit {info.get('code')}")
    print(f"  scaling 1 -> 2 jobs: {rates[2] / rates[1]:.2f}x (target >= 1.8x)")
    elapsed, info = _timed([_LOOP, str(src), str(work / f"loop{size}"), to])
    loop_rate = expected.messages / elapsed
    loop_cpu = expected.messages / max(info.get("cpu_s", 0.0), 1e-9)
    print(f"  plain loop (api.convert per message, 1 process): {elapsed:7.2f} s  {loop_rate:8.0f} msg/s  "
          f"{loop_cpu:6.0f} msg/CPU-s  peak RSS {info.get('rss_kb', 0) / 1024:6.1f} MiB")
    print(f"  pipeline --jobs 1 vs plain loop: {rates[1] / loop_rate:.2f}x "
          "(above 1.0 = the pipeline is faster; it also hashes, audits and writes atomically)")


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
        print(f"  {label:10}: {elapsed:7.2f} s  {count / elapsed:8.0f} msg/s  "
              f"{1e6 * info.get('cpu_s', 0.0) / count:6.0f} µs CPU/msg  peak RSS coordinator "
              f"{info.get('rss_kb', 0) / 1024:6.1f} MiB, "
              f"worker {info.get('worker_rss_kb', 0) / 1024:6.1f} MiB  exit {info.get('code')}")
        subprocess.run(["rm", "-rf", str(out)], check=False)
    path.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", default="10000,100000", help="comma-separated sizes")
    parser.add_argument("--to", default="json")
    parser.add_argument("--dir", default=None, help="work folder (e.g. /dev/shm to leave disk speed out)")
    parser.add_argument("--huge", default="", help="comma-separated MB sizes of FIX logs (e.g. 50,200)")
    print("note: wall-clock rates and the scaling ratio need an otherwise idle machine; "
          "msg/CPU-s is the per-core throughput and is less sensitive to other load")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="finmsg-bench-", dir=args.dir) as tmp:
        for size in (int(s) for s in args.messages.split(",") if s):
            bench(size, args.to, Path(tmp))
        for megabytes in (int(s) for s in args.huge.split(",") if s):
            huge(megabytes, Path(tmp))


if __name__ == "__main__":
    main()
