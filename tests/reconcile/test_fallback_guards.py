"""The amount, currency and date pass pairs no items that contradict each other, and marks guesses.

A review paired an entry of a DE account's statement with one of a GB account's, and
``REF-A`` with ``REF-C``, as clean matches, because both booked EUR 100 on one day; and
when two entries could take the same partner, nothing said the pairing was a guess.
Every expectation below is read off the hand-written statements.
"""

from __future__ import annotations

from pathlib import Path

from finmsg.reconcile import load_items, reconcile
from tests.reconcile.test_fx_owner_refs import _side, camt053, mt940, ntry

DE = "DE89370400440532013000"
GB = "GB82WEST12345698765432"


def _pairs(tmp_path: Path, a: bytes, b: bytes) -> list[tuple[str | None, str | None, tuple[str, ...]]]:
    result = reconcile(
        load_items([_side(tmp_path, "a", a)]).items, load_items([_side(tmp_path, "b", b)]).items
    )
    return [(m.a.end_to_end_id, m.b.end_to_end_id, m.mismatches) for m in result.matched]


def test_entries_of_two_accounts_are_not_paired_on_amount(tmp_path: Path) -> None:
    a = mt940(DE, ":61:2401310131D100,00NTRFNONREF//BANKREF1")
    b = mt940(GB, ":61:2401310131D100,00NTRFNONREF//BANKREF3")
    assert _pairs(tmp_path, a, b) == []


def test_the_same_account_written_as_bic_and_iban_still_pairs(tmp_path: Path) -> None:
    a = mt940(DE, ":61:2401310131D100,00NTRFNONREF//BANKREF1")
    b = mt940(f"COBADEFF/{DE}", ":61:2401310131D100,00NTRFNONREF//BANKREF3")
    assert _pairs(tmp_path, a, b) == [(None, None, ())]


def test_two_different_end_to_end_ids_are_not_paired_on_amount(tmp_path: Path) -> None:
    a = mt940(DE, ":61:2401310131D100,00NTRFREF-A//BANKREF1")
    b = mt940(DE, ":61:2401310131D100,00NTRFREF-C//BANKREF3")
    assert _pairs(tmp_path, a, b) == []


def test_a_reference_cut_to_sixteen_characters_is_no_contradiction(tmp_path: Path) -> None:
    """An MT940 subfield 7 holds 16 characters: a longer end-to-end id arrives cut, with ``+``."""
    a = mt940(DE, ":61:2401310131D100,00NTRFINVOICE-2024-00+//BANKREF1")
    b = camt053(DE, ntry("100.00", "DBIT", e2e="INVOICE-2024-0001"))
    assert _pairs(tmp_path, a, b) == [("INVOICE-2024-00+", "INVOICE-2024-0001", ())]


def test_a_pairing_among_equal_candidates_is_marked_ambiguous(tmp_path: Path) -> None:
    a = mt940(DE, ":61:2401310131D100,00NTRFNONREF//BANKREF1")
    b = mt940(
        DE,
        ":61:2401310131D100,00NTRFNONREF//BANKREF2",
        ":61:2401310131D100,00NTRFNONREF//BANKREF3",
    )
    assert _pairs(tmp_path, a, b) == [(None, None, ("ambiguous",))]


def test_a_booking_and_its_reversal_do_not_make_a_pairing_ambiguous(tmp_path: Path) -> None:
    a = mt940(DE, ":61:2401310131D100,00NTRFNONREF//BANKREF1")
    b = mt940(
        DE,
        ":61:2401310131D100,00NTRFNONREF//BANKREF2",
        ":61:2401310131RD100,00NTRFNONREF//BANKREF2",
    )
    assert _pairs(tmp_path, a, b) == [(None, None, ())]


def test_an_account_written_as_blz_and_konto_still_pairs_with_its_iban(tmp_path: Path) -> None:
    """Review R1: a German MT940 names the account ``37040044/0532013000`` (bank code and
    account number), its camt.053 by the IBAN DE89 3704 0044 0532 0130 00 built from them."""
    a = mt940("37040044/0532013000", ":61:2401310131D100,00NTRFNONREF//BANKREF1")
    b = camt053(DE, ntry("100.00", "DBIT"))
    assert _pairs(tmp_path, a, b) == [(None, None, ())]


def test_an_owner_reference_does_not_contradict_a_camt_end_to_end_id(tmp_path: Path) -> None:
    """PostFinance writes a counterparty code (``01916``) where a camt has the EndToEndId."""
    a = mt940(DE, ":61:2401310131D100,00NTRF01916//BANKREF1")
    b = camt053(DE, ntry("100.00", "DBIT", e2e="INV-2024-7781"))
    assert _pairs(tmp_path, a, b) == [("01916", "INV-2024-7781", ())]
