"""What a batch run does not load, and the pool failure path that moved with the pool imports.

A ``--jobs 1`` run to a message target needs neither the row exporters of :mod:`finmsg.etl`
(with the models they flatten) nor the process-pool machinery; both were imported by every
run. The names of the built-in exporters are therefore known without importing them.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from finmsg.batch import BatchConfig, RunOptions, run_batch
from finmsg.batch.manifest import MANIFEST_NAME
from finmsg.batch.plugins import BUILTIN_EXPORTER_NAMES, find_exporter
from finmsg.model.base import Message
from tests.batch.mixed import fix_message, mt103, pacs008

REPO = Path(__file__).resolve().parents[2]

_FRESH_RUN = """
import io, json, sys
from pathlib import Path
from finmsg.batch import BatchConfig, RunOptions, run_batch
src, out, target = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
outcome = run_batch(RunOptions([src], BatchConfig(target=target, out_dir=out), jobs=1, progress="none"),
                    err=io.StringIO())
wanted = ("finmsg.etl", "finmsg.etl.writers", "multiprocessing", "concurrent.futures")
print(json.dumps([outcome.exit_code, outcome.ledger.converted, [m for m in wanted if m in sys.modules]]))
"""


def _fresh_run(src: Path, out: Path, target: str) -> list[object]:
    done = subprocess.run(
        [sys.executable, "-c", _FRESH_RUN, str(src), str(out), target],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
        timeout=120,
    )
    result: list[object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_the_builtin_exporter_names_are_those_of_the_etl_package() -> None:
    from finmsg.etl.writers import BUILTIN_EXPORTERS

    assert set(BUILTIN_EXPORTERS) == BUILTIN_EXPORTER_NAMES
    for name in ("jsonl", "CSV", "parquet"):
        exporter = find_exporter(name)
        assert exporter is not None and exporter.name == name.lower()
    assert find_exporter("json") is None


def test_a_single_process_run_to_json_loads_no_exporter_and_no_pool(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.xml").write_bytes(pacs008(1))
    (src / "b.fin").write_bytes(mt103(2))
    (src / "c.log").write_bytes(fix_message(3) + b"\n")
    assert _fresh_run(src, tmp_path / "out", "json") == [0, 3, []]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.json", "b.json", "c.json"]
    # an ETL target still finds its exporter (and loads it): one jsonl part per payment input
    (src / "c.log").unlink()
    code, converted, loaded = _fresh_run(src, tmp_path / "rows", "jsonl")
    assert (code, converted) == (0, 2)
    assert "finmsg.etl.writers" in loaded  # type: ignore[operator]
    assert sorted(p.name for p in (tmp_path / "rows").iterdir()) == ["a.jsonl", "b.jsonl"]


#: The pid of the process that imported this module first: the coordinator (workers are forked).
_COORDINATOR = os.getpid()


def die_in_a_worker(message: Message) -> Message:
    """A processor that kills any process but the one that imported it (a pool worker)."""
    if os.getpid() != _COORDINATOR:
        os._exit(3)
    return message


def test_a_worker_that_dies_ends_the_run_with_an_io_failure(tmp_path: Path) -> None:
    if not sys.platform.startswith("linux"):  # the processor tells workers apart by fork
        return
    src = tmp_path / "in"
    src.mkdir()
    for n in range(80):  # more than the chunk the coordinator converts itself before forking
        (src / f"p{n:03}.xml").write_bytes(pacs008(n + 1))
    out = tmp_path / "out"
    config = BatchConfig(target="json", out_dir=out, processor=f"{__name__}:die_in_a_worker")
    err = io.StringIO()
    outcome = run_batch(RunOptions([str(src)], config, jobs=2, progress="none"), err=err)
    assert outcome.exit_code == 2
    assert "finmsg: a worker process died" in err.getvalue()
    assert outcome.ledger.converted < 80
    assert (out / MANIFEST_NAME).exists()  # kept: --resume finishes the run
