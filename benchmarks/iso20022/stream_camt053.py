"""Throughput and peak RSS of finmsg's camt.053 entry streaming on a generated file.

Usage: python3 benchmarks/iso20022/stream_camt053.py [size_mb=50] [--lean]
Targets: >= 20 MB/s, RSS < 200 MB for 1 GB. Peer: a bare lxml iterparse that
only clears Ntry elements (the floor any lxml-based streamer can reach).
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

from finmsg.iso20022.streaming import iter_entries

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>'
    "<GrpHdr><MsgId>BENCH</MsgId><CreDtTm>2026-12-31T23:00:00Z</CreDtTm></GrpHdr>"
    "<Stmt><Id>S1</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>\n"
)
ENTRY = (
    '<Ntry><NtryRef>{n}</NtryRef><Amt Ccy="EUR">{n}.01</Amt><CdtDbtInd>CRDT</CdtDbtInd>'
    "<Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-12-31</Dt></BookgDt><ValDt><Dt>2026-12-31</Dt></ValDt>"
    "<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>"
    "<NtryDtls><TxDtls><Refs><EndToEndId>E2E-{n}</EndToEndId></Refs>"
    "<RltdPties><Dbtr><Pty><Nm>Debtor {n}</Nm></Pty></Dbtr></RltdPties>"
    "<RmtInf><Ustrd>Invoice {n} remittance information</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>\n"
)
TAIL = "</Stmt></BkToCstmrStmt></Document>\n"


def generate(path: Path, size_mb: float) -> int:
    target = int(size_mb * 1024 * 1024)
    written = n = 0
    with path.open("w", encoding="utf-8") as out:
        written += out.write(HEAD)
        while written < target:
            n += 1
            written += out.write(ENTRY.format(n=n))
        out.write(TAIL)
    return n


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    size_mb = float(sys.argv[1]) if len(sys.argv) > 1 else 50.0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "camt053.xml"
        count = generate(path, size_mb)
        real_mb = path.stat().st_size / 1024 / 1024
        start = time.perf_counter()
        for _, el in etree.iterparse(str(path), tag="{*}Ntry", resolve_entities=False, no_network=True):
            el.clear()
            while el.getprevious() is not None:
                del el.getparent()[0]
        peer = time.perf_counter() - start
        rows = []
        for label, opts in (("finmsg full", {}), ("finmsg no details", {"include_details": False})):
            start = time.perf_counter()
            seen = sum(1 for _ in iter_entries(path, opts))
            took = time.perf_counter() - start
            assert seen == count
            rows.append((label, took))
    print(f"file {real_mb:.1f} MB, {count} entries")
    print(f"lxml iterparse (peer floor): {real_mb / peer:7.1f} MB/s")
    for label, took in rows:
        print(f"{label:27s}: {real_mb / took:7.1f} MB/s  ratio vs peer {peer / took:5.2f}")
    print(f"peak RSS of this process: {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
