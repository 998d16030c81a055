"""Reports per second for each exporter over 10,000 messages: ``python3 benchmarks/reports/run.py``.

No peer library produces these reports, so the ratio printed is against the
parse step alone (exporter time / parse time for the same messages).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import finmsg
from finmsg.reports import get_exporter
from finmsg.reports.base import ReportInput

REPO = Path(__file__).resolve().parents[2]
N = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
CASES = {
    "tfr-check": ("fixtures/iso20022/pacs008-cbpr-structured/input.xml", {}),
    "ivms101": ("fixtures/iso20022/pacs008-cbpr-structured/input.xml", {}),
    "screening": ("fixtures/iso20022/pacs008-cbpr-structured/input.xml", {}),
    "mifir": (
        "fixtures/reports/mifir/execution-new.fix",
        {"refdata": REPO / "fixtures/reports/mifir/refdata.json"},
    ),
}


def main() -> None:
    for name, (path, options) in CASES.items():
        data = (REPO / path).read_bytes()
        start = time.perf_counter()
        message = finmsg.parse(data).value
        for _ in range(199):
            finmsg.parse(data)
        parse_each = (time.perf_counter() - start) / 200
        inputs = [ReportInput(f"m{i}", message) for i in range(N)]
        start = time.perf_counter()
        get_exporter(name).export(inputs, options)
        elapsed = time.perf_counter() - start
        print(
            f"{name:10s} {N / elapsed:10.0f} reports/s  ({elapsed:.2f} s for {N}; "
            f"exporter/parse time ratio {elapsed / N / parse_each:.2f})"
        )


if __name__ == "__main__":
    main()
