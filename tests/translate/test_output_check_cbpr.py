"""``validate_output`` checks a written CBPR+ message against the CBPR+ usage rules too.

A translation of an MT103 with unstructured (address-line only) parties is XSD-valid, but from
SR2026 CBPR+ refuses it; ``finmsg validate`` of the output said so while ``convert -o
validate_output=true --strict`` exited 0. The check follows the profile and the release option.
"""

from __future__ import annotations

from pathlib import Path

import finmsg

MT103 = (Path(__file__).resolve().parents[2] / "fixtures" / "mt" / "mt103_basic" / "input.fin").read_bytes()


def _codes(**options: str) -> list[tuple[str, str]]:
    result = finmsg.convert(MT103, "pacs.008", validate_output="true", **options)
    return [(d.code, d.severity.name) for d in result.diagnostics if d.code.startswith("cbpr.")]


def test_sr2026_refuses_the_unstructured_addresses_of_the_output() -> None:
    found = _codes(profile="cbpr+")
    assert ("cbpr.address.unstructured", "ERROR") in found
    # the same finding validate gives for the written bytes
    written = finmsg.convert(MT103, "pacs.008").value
    assert isinstance(written, bytes)
    again = finmsg.validate(written, profile="cbpr+")
    assert any(d.code == "cbpr.address.unstructured" for d in again.diagnostics)


def test_sr2025_keeps_them_as_warnings() -> None:
    found = _codes(profile="cbpr+", cbpr_release="SR2025")
    assert ("cbpr.address.unstructured", "WARNING") in found
    assert all(severity != "ERROR" for _, severity in found)


def test_without_validate_output_nothing_more_is_checked() -> None:
    result = finmsg.convert(MT103, "pacs.008", profile="cbpr+")
    assert not any(d.code.startswith("cbpr.") for d in result.diagnostics)
