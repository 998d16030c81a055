#!/usr/bin/env python3
"""FIX engine benchmark: finmsg vs simplefix (and quickfix when importable).

Measures, per message and over a log of N messages (default 100,000):
  * tokenize + framing (BodyLength and CheckSum verified);
  * parse with the data dictionary and full QuickFIX-style validation;
  * parse + validation + mapping to the trading model;
  * simplefix parsing (no validation) message by message and from one big buffer.
Prints msg/s and the ratios, and the cost per message for growing log sizes
(linear growth shows as a flat us/msg column).

    python3 benchmarks/fix/run.py [--messages 100000]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from finmsg.fix import dictionary, shapes
from finmsg.fix.options import FixOptions, parse_document
from finmsg.fix.reader import document_to_model
from finmsg.fix.tagvalue import SOH, checksum, iter_frames, parse_frame

BODIES = [
    "35=D|49=BUYSIDE|56=BROKER|34={n}|52=20240102-10:11:12.123456|11=ORD{n}|453=2|448=5493001KJTIIGC8Y1R12|"
    "447=D|452=13|448=XPAR|447=G|452=1|1=ACC1|21=1|55=VOD|48=GB00BH4HKS39|22=4|54=1|"
    "60=20240102-10:11:12.123|38=1000|40=2|44=101.25|59=0|",
    "35=8|49=BROKER|56=BUYSIDE|34={n}|52=20240102-10:11:12.124|37=O{n}|11=ORD{n}|17=E{n}|150=F|39=2|"
    "55=VOD|48=GB00BH4HKS39|22=4|54=1|38=1000|44=101.25|32=1000|31=101.25|151=0|14=1000|6=101.25|"
    "60=20240102-10:11:12.124|",
]


def make(n: int, body: str) -> bytes:
    text = body.format(n=n).replace("|", "\x01").encode()
    head = b"8=FIX.4.4\x019=%d\x01" % len(text)
    msg = head + text
    return msg + b"10=%03d\x01" % checksum(msg)


def timed(fn: Callable[[], int], repeat: int = 3) -> tuple[float, int]:
    best, count = float("inf"), 0
    for _ in range(repeat):
        start = time.process_time()
        count = fn()
        best = min(best, time.process_time() - start)
    return best, count


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=100_000)
    args = parser.parse_args()
    n = args.messages
    msgs = [make(i, BODIES[i % 2]) for i in range(1, n + 1)]
    log = b"\n".join(msgs) + b"\n"
    opts = FixOptions()
    for name in ("FIX44", "FIX50SP2"):
        dictionary.load.cache_clear()
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
    try:
        import quickfix
    except ImportError:
        print("quickfix not importable: skipped (pip install quickfix builds it from the sdist)")
    else:
        spec = str(Path(dictionary.__file__).resolve().parents[1] / "data" / "fix" / "FIX44.xml")
        qf_dd = quickfix.DataDictionary(spec)
        texts = [m.decode("latin-1") for m in msgs]

        def quickfix_each() -> int:
            for text in texts:
                quickfix.Message(text, qf_dd, True)
            return len(texts)

        try:
            qf = report("quickfix (C++) parse + validation", quickfix_each)
            print(f"finmsg validated parse / quickfix: {val / qf:.2f}x")
        except Exception as exc:  # the binding's API differs between releases
            print(f"quickfix present but could not be driven: {exc}")
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


if __name__ == "__main__":
    raise SystemExit(main())
