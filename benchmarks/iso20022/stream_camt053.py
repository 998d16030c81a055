"""Throughput and peak RSS of finmsg's camt.053 entry streaming on a generated file.

Usage: python3 benchmarks/iso20022/stream_camt053.py [size_mb=50] [--dir=/dev/shm] [--workers=2]
       [--configs=iterparse,full:1,lean:1,full:2]   (kind:workers; also "fromstring")
Targets: >= 20 MB/s, RSS < 200 MB for 1 GB. Peers: a bare lxml iterparse that only clears
Ntry elements, and one ``etree.fromstring`` of the whole file (parse only; small files only).
Each configuration runs in its own child process so that each peak RSS is its own; with
workers the pool's largest child is reported too.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def _child(config: str, path: str) -> None:
    """Run one configuration; print entries, seconds, own peak RSS and the pool's (MB)."""
    from lxml import etree

    from finmsg.iso20022.streaming import iter_entries

    me = resource.getrusage(resource.RUSAGE_SELF)
    cpu0 = me.ru_utime + me.ru_stime
    start = time.perf_counter()
    seen = 0
    if config == "iterparse":
        for _, el in etree.iterparse(path, tag="{*}Ntry", resolve_entities=False, no_network=True):
            seen += 1
            el.clear()
            while el.getprevious() is not None:
                del el.getparent()[0]
    elif config == "fromstring":
        seen = len(etree.fromstring(Path(path).read_bytes()).findall(".//{*}Ntry"))
    else:
        kind, _, workers = config.partition(":")
        opts = {"include_details": kind != "lean", "workers": int(workers or 1)}
        seen = sum(1 for _ in iter_entries(path, opts))
    took = time.perf_counter() - start
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = me.ru_utime + me.ru_stime - cpu0
    pool_cpu = kids.ru_utime + kids.ru_stime
    print(seen, took, me.ru_maxrss / 1024, kids.ru_maxrss / 1024, cpu, pool_cpu)


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        _child(sys.argv[2], sys.argv[3])
        return
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    flags = dict(a[2:].partition("=")[::2] for a in sys.argv[1:] if a.startswith("--"))
    size_mb = float(args[0]) if args else 50.0
    workers = int(flags.get("workers") or 2)
    configs = ["iterparse", "full:1", "lean:1", f"full:{workers}"]
    if size_mb <= 200:
        configs.insert(1, "fromstring")
    if flags.get("configs"):
        configs = flags["configs"].split(",")
    with tempfile.TemporaryDirectory(dir=flags.get("dir") or None) as tmp:
        path = Path(tmp) / "camt053.xml"
        count = generate(path, size_mb)
        real_mb = path.stat().st_size / 1024 / 1024
        rows = {}
        for config in configs:
            done = subprocess.run(
                [sys.executable, __file__, "--child", config, str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            seen, took, own, pool, cpu, pool_cpu = (float(x) for x in done.stdout.split())
            assert int(seen) == count, (config, seen, count)
            rows[config] = (took, own, pool, cpu, pool_cpu)
    peer = rows["iterparse"][0] if "iterparse" in rows else float("nan")
    print(f"file {real_mb:.1f} MB, {count} entries")
    print("(MB/CPU-s: megabytes per second of CPU time, less sensitive to a busy machine than MB/s;")
    print(" with workers: the parent alone, then parent + pool)")
    labels = {"iterparse": "lxml iterparse (peer floor)", "fromstring": "lxml fromstring whole file"}
    for config, (took, own, pool, cpu, pool_cpu) in rows.items():
        kind, _, count = config.partition(":")
        label = labels.get(config) or f"finmsg {'no details' if kind == 'lean' else 'full'}, workers={count}"
        pooled = pool and count not in ("", "1")
        rss = f"RSS {own:5.0f} MB" + (f" (+ pool child {pool:.0f} MB)" if pooled else "")
        speed = f"{real_mb / took:7.1f} MB/s  ratio vs iterparse {peer / took:5.2f}"
        per_cpu = f"{real_mb / cpu:6.1f} MB/CPU-s"
        if pooled:
            per_cpu += f" ({real_mb / (cpu + pool_cpu):.1f} total)"
        print(f"{label:30s}: {speed}  {per_cpu}  {rss}")


if __name__ == "__main__":
    main()
