#!/usr/bin/env python3
"""FIX engine benchmark: finmsg vs simplefix, and vs quickfix (C++) when available.

Measures, per message and over a log of N messages (default 100,000):
  * tokenize + framing (BodyLength and CheckSum verified);
  * parse with the data dictionary and full QuickFIX-style validation;
  * parse + validation + mapping to the trading model;
  * simplefix parsing (no validation) message by message and from one big buffer.
  * quickfix parse (+ DataDictionary.validate) on the same messages, run by
    ``quickfix_side.py`` in the interpreter given by ``--quickfix-python`` (or
    ``$FINMSG_QUICKFIX_PYTHON``, or this one when it can import quickfix).
Prints msg/s and the ratios, and the cost per message for growing log sizes
(linear growth shows as a flat us/msg column). Rates are CPU time, best of 3 after a warm-up run, GC off;
``instructions.py`` gives noise-free instruction counts for before/after work.

    python3 benchmarks/fix/run.py [--messages 100000] [--quickfix-python /work/qf-venv/bin/python]

For the targets on a noisy machine prefer ``best_of.py`` (interleaved best-of-N rounds).
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.fix.inputs import messages
from finmsg.fix import dictionary, shapes
from finmsg.fix.options import FixOptions, parse_document
from finmsg.fix.reader import document_to_model
from finmsg.fix.tagvalue import SOH, iter_frames, parse_frame


def timed(fn: Callable[[], int], repeat: int = 3) -> tuple[float, int]:
    """Best CPU time of ``repeat`` runs after one untimed warm-up run, with the cyclic GC off.

    Why: the first run of a case pays one-off costs (layout caches, lazily compiled
    dictionary sections, memory growth) that made the first timed case look slower
    than its reruns; and a collection landing in one run but not another skews it.
    ``timeit`` disables the collector for the same reason.
    """
    fn()
    best, count = float("inf"), 0
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            start = time.process_time()
            count = fn()
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return best, count


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument(
        "--quickfix-python",
        default=os.environ.get("FINMSG_QUICKFIX_PYTHON"),
        help="interpreter that can import quickfix (e.g. a venv's bin/python)",
    )
    args = parser.parse_args()
    n = args.messages
    msgs = messages(n)
    log = b"\n".join(msgs) + b"\n"
    opts = FixOptions()
    for name in ("FIX44", "FIX50SP2"):
        dictionary.clear_cache()
        start = time.process_time()
        dic = dictionary.load(name)
        loaded = time.process_time() - start
        start = time.process_time()
        dic.message("D")
        dic.message("8")
        compiled = time.process_time() - start
        print(
            f"dictionary {name}: load {loaded * 1e3:.0f} ms (once, cached); D+8 compiled lazily in "
            f"{compiled * 1e3:.1f} ms"
        )
    dictionary.load("FIX44").message("D")
    data_fields = dictionary.load("FIX44").data_fields

    def tokenize_each() -> int:
        for m in msgs:
            parse_frame(m, delimiter=SOH, data_fields=data_fields)
        return len(msgs)

    def tokenize_log() -> int:
        count = 0
        for frame in iter_frames(log, delimiter=SOH):
            parse_frame(frame.data, delimiter=SOH, data_fields=data_fields)
            count += 1
        return count

    def validate_each() -> int:
        bad = 0
        for m in msgs:
            bad += not parse_document(m, opts).ok
        assert bad == 0, bad
        return len(msgs)

    def read_each() -> int:
        for m in msgs:
            doc = parse_document(m, opts).value
            assert doc is not None
            document_to_model(doc)
        return len(msgs)

    rows: list[tuple[str, float]] = []

    def report(name: str, fn: Callable[[], int]) -> float:
        seconds, count = timed(fn)
        rate = count / seconds
        rows.append((name, rate))
        print(f"{name:<48} {rate:>12,.0f} msg/s {1e6 / rate:>8.2f} us/msg")
        return rate

    print(
        f"{n:,} messages ({len(log) / 1e6:.1f} MB log), best of 3 (CPU time), Python {sys.version.split()[0]}"
    )
    tok = report("finmsg tokenize+checksum (per message)", tokenize_each)
    report(f"finmsg tokenize+checksum ({n:,}-line log)", tokenize_log)
    val = report("finmsg parse + dictionary + full validation", validate_each)
    shapes.ENABLED = False
    report("  ... same, shape cache off (full validator)", validate_each)
    shapes.ENABLED = True
    report("finmsg parse + validation + trading model", read_each)

    sf = None
    try:
        import simplefix
    except ImportError:
        print("simplefix not installed")
    else:

        def simplefix_each() -> int:
            p = simplefix.FixParser()
            for m in msgs:
                p.append_buffer(m)
                p.get_message()
            return len(msgs)

        sf = report("simplefix parse (per message, no validation)", simplefix_each)
        for size in (1000, 5000):
            buf = b"".join(msgs[:size])

            def simplefix_buffer(buf: bytes = buf, size: int = size) -> int:
                p = simplefix.FixParser()
                p.append_buffer(buf)
                got = 0
                while p.get_message() is not None:
                    got += 1
                return got

            report(f"simplefix parse ({size:,} messages in one buffer)", simplefix_buffer)
            rows.pop()
    qf = quickfix_rates(args.quickfix_python, msgs)
    if qf is not None:
        for key, label in (
            ("parse", "parse + length/checksum"),
            ("validate", "parse + DataDictionary.validate"),
        ):
            rows.append((f"quickfix {label}", qf[key]))
            print(f"{'quickfix ' + label:<48} {qf[key]:>12,.0f} msg/s {1e6 / qf[key]:>8.2f} us/msg")
        print(
            f"finmsg / quickfix: tokenize+checksum vs parse {tok / qf['parse']:.2f}x; "
            f"full validation vs parse+validate {val / qf['validate']:.2f}x"
        )
    if sf:
        print(f"\nratio tokenize / simplefix: {tok / sf:.1f}x; validated parse / simplefix: {val / sf:.1f}x")
    print("\nlinear growth (finmsg tokenize over one buffer):")
    for size in (n // 100 or 1, n // 10 or 1, n):
        buf = b"".join(msgs[:size])

        def over(buf: bytes = buf) -> int:
            return sum(1 for f in iter_frames(buf, delimiter=SOH) if parse_frame(f.data, delimiter=SOH))

        seconds, count = timed(over, 3)
        print(f"  {size:>8,} messages: {seconds * 1e6 / count:6.2f} us/msg")
    return 0


def quickfix_rates(python: str | None, msgs: list[bytes]) -> dict[str, float] | None:
    """quickfix's msg/s on ``msgs``, measured by ``quickfix_side.py`` in interpreter ``python``."""
    if python is None:
        if importlib.util.find_spec("quickfix") is None:
            print("quickfix: skipped (build it in a venv and pass --quickfix-python, see quickfix_side.py)")
            return None
        python = sys.executable
    spec = Path(dictionary.__file__).resolve().parents[1] / "data" / "fix" / "FIX44.xml"
    side = Path(__file__).resolve().with_name("quickfix_side.py")
    with tempfile.NamedTemporaryFile(suffix=".fix") as tmp:
        tmp.write(b"\n".join(msgs) + b"\n")
        tmp.flush()
        done = subprocess.run(
            [python, str(side), "--messages", tmp.name, "--dictionary", str(spec)],
            capture_output=True,
            text=True,
            check=False,
        )
    try:
        result = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        print(f"quickfix: the helper failed: {done.stderr.strip()[-300:]}")
        return None
    if "error" in result:
        print(f"quickfix: {result['error']}")
        return None
    version, count = result["version"], result["messages"]
    print(f"quickfix {version} (Python {result['python']}) on the same {count:,} messages")
    return {"parse": float(result["parse"]), "validate": float(result["validate"])}


if __name__ == "__main__":
    raise SystemExit(main())
