"""Reconciliation: sent payments against statement entries, and statement against statement."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from finmsg.cli import main
from finmsg.reconcile import load_items, reconcile
from tests.batch.mixed import camt053, mt103, mt940, pacs008


def _no_uetr(data: bytes) -> bytes:
    start = data.index(b"<UETR>")
    end = data.index(b"</UETR>") + len(b"</UETR>")
    return data[:start] + data[end:]


def _no_details(data: bytes) -> bytes:
    start = data.index(b"<NtryDtls>")
    end = data.index(b"</NtryDtls>") + len(b"</NtryDtls>")
    return data[:start] + data[end:]


def _sets(tmp_path: Path) -> tuple[Path, Path]:
    sent, booked = tmp_path / "sent", tmp_path / "booked"
    sent.mkdir()
    booked.mkdir()
    for n in range(1, 6):
        (sent / f"p{n}.xml").write_bytes(pacs008(n))
    (booked / "s1.xml").write_bytes(camt053(1))  # same UETR, amount and date
    (booked / "s2.xml").write_bytes(camt053(2).replace(b"102.25", b"102.00"))  # same UETR, other amount
    (booked / "s3.xml").write_bytes(_no_uetr(camt053(3)))  # only the end-to-end id
    (booked / "s4.xml").write_bytes(_no_details(camt053(4)))  # no reference at all
    (booked / "s9.xml").write_bytes(camt053(9))  # nothing was sent for it
    return sent, booked


def test_passes_and_mismatches(tmp_path: Path) -> None:
    sent, booked = _sets(tmp_path)
    a, b = load_items([str(sent)]), load_items([str(booked)])
    assert not a.problems and not b.problems
    result = reconcile(a.items, b.items)
    by_source = {Path(m.a.source).name: (m.on, m.mismatches, Path(m.b.source).name) for m in result.matched}
    assert by_source == {
        "p1.xml": ("uetr", (), "s1.xml"),
        "p2.xml": ("uetr", ("amount",), "s2.xml"),
        "p3.xml": ("end_to_end_id", (), "s3.xml"),
        "p4.xml": ("amount_currency_date", (), "s4.xml"),
    }
    assert [Path(i.source).name for i in result.unmatched_a] == ["p5.xml"]
    assert [Path(i.source).name for i in result.unmatched_b] == ["s9.xml"]
    assert result.summary() == {
        "a": 5,
        "b": 5,
        "matched": 4,
        "mismatched": 1,
        "unmatched_a": 1,
        "unmatched_b": 1,
    }


def test_cli_writes_json_and_csv(tmp_path: Path) -> None:
    sent, booked = _sets(tmp_path)
    report, table = tmp_path / "r.json", tmp_path / "r.csv"
    code = main(["reconcile", str(sent), str(booked), "--out", str(report), "--csv", str(table)])
    assert code == 1  # a mismatch and unmatched items need attention
    document = json.loads(report.read_text())
    assert document["summary"]["matched"] == 4
    mismatch = next(m for m in document["matched"] if m["mismatches"])
    assert (mismatch["a"]["amount"], mismatch["b"]["amount"]) == ("102.25", "102.00")
    rows = list(csv.DictReader(io.StringIO(table.read_text())))
    assert sorted(r["status"] for r in rows) == [
        "matched",
        "matched",
        "matched",
        "mismatch",
        "unmatched_a",
        "unmatched_b",
    ]


def test_statement_against_itself_is_clean(tmp_path: Path) -> None:
    (tmp_path / "a.xml").write_bytes(camt053(1))
    (tmp_path / "b.xml").write_bytes(camt053(1))
    assert (
        main(
            ["reconcile", str(tmp_path / "a.xml"), str(tmp_path / "b.xml"), "--out", str(tmp_path / "r.json")]
        )
        == 0
    )


def test_mt_inputs_go_through_translation(tmp_path: Path) -> None:
    (tmp_path / "sent.fin").write_bytes(mt103(1))
    (tmp_path / "stmt.xml").write_bytes(camt053(1))
    (tmp_path / "stmt.fin").write_bytes(mt940(1))
    result = reconcile(
        load_items([str(tmp_path / "sent.fin")]).items, load_items([str(tmp_path / "stmt.xml")]).items
    )
    assert [(m.on, m.mismatches) for m in result.matched] == [("uetr", ())]
    other = load_items([str(tmp_path / "stmt.fin")])
    # an MT940 is either itemised by finmsg.translate or reported as a problem — never dropped
    assert other.items or [p["code"] for p in other.problems] in (
        ["translate.unsupported"],
        ["translate.unavailable"],
    )
