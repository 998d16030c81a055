"""Batch pipeline benchmark: messages/s at --jobs 1 and 2, scaling, peak RSS, overhead vs a plain loop.

Run: ``python3 benchmarks/batch/run.py [--messages 10000,100000] [--to json]``.
Each measured run is a fresh process (so peak RSS is that run's own, workers
included); inputs are generated mixed messages (ISO, MT, FIX, multi-message
files, 3% corrupt) in a temporary folder.
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
              f"{cpu_rate:6.0f} msg/CPU-s  peak RSS {info.get('rss_kb', 0) / 1024:6.1f} MiB  "
              f"exit {info.get('code')}")
    print(f"  scaling 1 -> 2 jobs: {rates[2] / rates[1]:.2f}x (target >= 1.8x)")
    elapsed, info = _timed([_LOOP, str(src), str(work / f"loop{size}"), to])
    loop_rate = expected.messages / elapsed
    loop_cpu = expected.messages / max(info.get("cpu_s", 0.0), 1e-9)
    print(f"  plain loop (api.convert per message, 1 process): {elapsed:7.2f} s  {loop_rate:8.0f} msg/s  "
          f"{loop_cpu:6.0f} msg/CPU-s  peak RSS {info.get('rss_kb', 0) / 1024:6.1f} MiB")
    print(f"  pipeline --jobs 1 vs plain loop: {rates[1] / loop_rate:.2f}x "
          "(above 1.0 = the pipeline is faster; it also hashes, audits and writes atomically)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", default="10000,100000", help="comma-separated sizes")
    parser.add_argument("--to", default="json")
    parser.add_argument("--dir", default=None, help="work folder (e.g. /dev/shm to leave disk speed out)")
    print("note: wall-clock rates and the scaling ratio need an otherwise idle machine; "
          "msg/CPU-s is the per-core throughput and is less sensitive to other load")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="finmsg-bench-", dir=args.dir) as tmp:
        for size in (int(s) for s in args.messages.split(",")):
            bench(size, args.to, Path(tmp))


if __name__ == "__main__":
    main()
