"""Where the CPU of a real ``finmsg convert`` run goes: coordinator vs workers, user vs kernel, syscalls.

Run: ``python3 benchmarks/batch/split.py [--messages 10000] [--dir /dev/shm] [--jobs 1,2] [--strace]``.

Each run is a fresh process converting the generated mixed set (``tests/batch/mixed.py``) with
``--to json --quarantine Q --progress none``, exactly as the CLI does. The child reports, from
``getrusage``:

* ``--jobs 1``: the time inside ``process_chunk`` (a worker's whole job: read, hash, parse,
  convert, write, encode records) as *worker*, and everything else in the process (start-up,
  walking, chunking, the manifest, the ledger) as *coordinator*;
* ``--jobs 2``: the coordinator process (minus the first chunk, which it converts itself before
  forking: that share is counted as *worker*) and the pool's processes (``RUSAGE_CHILDREN``).

Figures are µs per message, user and sys apart. ``--strace`` reruns each case under
``strace -ff`` and prints the system calls per message by kind, coordinator and workers apart
(the strace runs are slow; their times are not used).
Wall clock means nothing on a shared machine; these CPU figures still move a few percent with
the load (caches), so compare before/after under similar conditions, or use ``instructions.py``.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.batch.mixed import generate  # noqa: E402

_CHILD = """
import json, os, resource, sys
import finmsg.batch.runner as runner
spent = [0.0, 0.0]
def _usage():
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime, u.ru_stime
def _measured(real):
    def wrapper(*args, **kwargs):
        u0, s0 = _usage()
        try:
            return real(*args, **kwargs)
        finally:
            u1, s1 = _usage()
            spent[0] += u1 - u0
            spent[1] += s1 - s0
    return wrapper
if sys.argv[sys.argv.index("--jobs") + 1] == "1":
    runner.process_chunk = _measured(runner.process_chunk)  # every chunk
else:  # the chunk converted before forking (the pool's own calls must stay picklable)
    runner._warm_up = _measured(runner._warm_up)
from finmsg.cli import main
code = main(sys.argv[1:])
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "code": code,
    "coord_user": me.ru_utime - spent[0], "coord_sys": me.ru_stime - spent[1],
    "work_user": kids.ru_utime + spent[0], "work_sys": kids.ru_stime + spent[1],
    "rss_kb": max(me.ru_maxrss, kids.ru_maxrss), "pid": os.getpid(),
}))
"""

_CALL = re.compile(r"^(?:\[pid\s+\d+\]\s+)?(?:\d+\.\d+\s+)?([a-z_0-9]+)\(")


def _argv(src: Path, out: Path, jobs: int) -> list[str]:
    return [
        "convert",
        str(src),
        "--to",
        "json",
        "--out",
        str(out / "out"),
        "--quarantine",
        str(out / "q"),
        "--jobs",
        str(jobs),
        "--progress",
        "none",
    ]


def _run(src: Path, out: Path, jobs: int, prefix: list[str] | None = None) -> dict[str, float]:
    shutil.rmtree(out, ignore_errors=True)
    command = [*(prefix or []), sys.executable, "-c", _CHILD, *_argv(src, out, jobs)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False)
    lines = done.stdout.strip().splitlines()
    if not lines:
        raise RuntimeError(f"the run printed nothing: {done.stderr[-2000:]}")
    info: dict[str, float] = json.loads(lines[-1])
    return info


def _syscalls(src: Path, out: Path, jobs: int, trace: Path) -> tuple[dict[str, int], dict[str, int], int]:
    """System calls by name in the coordinator and in the workers (all pool processes together)."""
    shutil.rmtree(trace, ignore_errors=True)
    trace.mkdir()
    info = _run(src, out, jobs, ["strace", "-ff", "-qq", "-o", str(trace / "t")])
    coordinator: collections.Counter[str] = collections.Counter()
    workers: collections.Counter[str] = collections.Counter()
    children = 0
    for path in trace.iterdir():
        pid = int(path.name.rpartition(".")[2])
        counter = coordinator if pid == info["pid"] else workers
        if pid != info["pid"]:
            children += 1
        with open(path, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                found = _CALL.match(line)
                if found:
                    counter[found.group(1)] += 1
    shutil.rmtree(trace, ignore_errors=True)
    return dict(coordinator), dict(workers), children


def _table(label: str, info: dict[str, float], messages: int) -> None:
    per = {k: 1e6 * info[k] / messages for k in ("coord_user", "coord_sys", "work_user", "work_sys")}
    total = sum(per.values())
    print(
        f"  {label:24} coord user {per['coord_user']:6.1f}  sys {per['coord_sys']:6.1f} | "
        f"workers user {per['work_user']:6.1f}  sys {per['work_sys']:6.1f} | total {total:6.1f} µs/msg "
        f"= {1e6 / total:5.0f} msg/CPU-s  peak RSS {info['rss_kb'] / 1024:5.1f} MiB  exit {info['code']}"
    )


def _calls(label: str, counts: dict[str, int], messages: int, files: int) -> None:
    total = sum(counts.values())
    top = sorted(counts.items(), key=lambda kv: -kv[1])[:14]
    shown = "  ".join(f"{name} {n / messages:.2f}" for name, n in top)
    print(f"    {label:11} {total / messages:6.2f}/msg ({total / files:5.2f}/file): {shown}")


_IREFS = re.compile(r"==(\d+)==\s+I\s+refs:\s+([\d,]+)")


def _instructions(src: Path, out: Path, jobs: int) -> tuple[int, int]:
    """User-space instructions of one run under valgrind: (coordinator process, all workers)."""
    shutil.rmtree(out, ignore_errors=True)
    command = [
        "valgrind",
        "--tool=cachegrind",
        "--cache-sim=no",
        "--cachegrind-out-file=/dev/null",
        sys.executable,
        "-c",
        _CHILD,
        *_argv(src, out, jobs),
    ]
    env = dict(os.environ, PYTHONHASHSEED="0")
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False, env=env)
    pid = json.loads(done.stdout.strip().splitlines()[-1])["pid"]
    found = {int(p): int(n.replace(",", "")) for p, n in _IREFS.findall(done.stderr)}
    coordinator = found.pop(pid)
    return coordinator, sum(found.values())


def instructions_table(folder: str, sizes: tuple[int, int], jobs_list: list[int]) -> None:
    """Marginal instructions per message (between two set sizes): coordinator and workers apart.

    With ``--jobs 1`` everything runs in one process (the coordinator column is then the whole
    run); with ``--jobs 2`` the coordinator's column is its own work (walk, chunking, pickling,
    accounting, manifest) and the workers' is the conversion.
    """
    with tempfile.TemporaryDirectory(prefix="finmsg-split-", dir=folder) as tmp:
        root = Path(tmp)
        # the larger set is the smaller one plus a folder walked after it, so that both runs start
        # with the same chunk (the one a --jobs 2 coordinator converts itself before forking)
        small = generate(root / f"src{sizes[0]}", sizes[0])
        shutil.copytree(root / f"src{sizes[0]}", root / f"src{sizes[1]}")
        more = generate(root / f"src{sizes[1]}" / "x-more", sizes[1] - sizes[0], seed=11)
        extra = more.messages
        big_messages = small.messages + extra
        print(f"\ninstructions per message between {small.messages} and {big_messages} messages (valgrind)")
        for jobs in jobs_list:
            (c1, w1), (c2, w2) = (_instructions(root / f"src{n}", root / "out", jobs) for n in sizes)
            coordinator, workers = (c2 - c1) / extra, (w2 - w1) / extra
            print(
                f"  --jobs {jobs}: coordinator {coordinator:10,.0f}  workers {workers:10,.0f}  "
                f"(fixed: coordinator {c1 - small.messages * coordinator:14,.0f})"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=10000)
    parser.add_argument(
        "--dir", action="append", help="work folder(s); default: the repo's disk and /dev/shm"
    )
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--repeat", type=int, default=1, help="runs per case; the lowest total is shown")
    parser.add_argument("--strace", action="store_true", help="also count system calls (slow)")
    parser.add_argument(
        "--instructions",
        default="",
        metavar="N1,N2",
        help="instead: count instructions (valgrind) of runs of N1 and N2 messages, per message between them",
    )
    args = parser.parse_args()
    jobs_list = [int(j) for j in args.jobs.split(",")]
    if args.instructions:
        n1, n2 = (int(n) for n in args.instructions.split(","))
        instructions_table((args.dir or ["/dev/shm"])[0], (n1, n2), jobs_list)
        return
    folders = args.dir or [str(REPO / "benchmarks" / "batch"), "/dev/shm"]
    for folder in folders:
        with tempfile.TemporaryDirectory(prefix="finmsg-split-", dir=folder) as tmp:
            root = Path(tmp)
            expected = generate(root / "src", args.messages)
            print(f"\n{expected.messages} messages in {expected.files} files under {folder}")
            for jobs in jobs_list:
                runs = [_run(root / "src", root / "out", jobs) for _ in range(args.repeat)]
                best = min(runs, key=lambda i: sum(i[k] for k in i if k.startswith(("coord", "work"))))
                _table(f"--jobs {jobs}", best, expected.messages)
                if args.strace and shutil.which("strace"):
                    coord, work, kids = _syscalls(root / "src", root / "out", jobs, root / "trace")
                    _calls("coordinator", coord, expected.messages, expected.files)
                    _calls(f"workers({kids})", work, expected.messages, expected.files)
            if os.path.exists(root / "out"):
                shutil.rmtree(root / "out", ignore_errors=True)


if __name__ == "__main__":
    main()
