"""admi.024 notification of correspondence: mapping, golden model, round trip, XSD validity, extras."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from finmsg.iso20022.document import read_iso
from finmsg.model.admin import Correspondence
from finmsg.model.common import Agent, Party, PartyKind
from finmsg.model.payments import CodeOrProprietary
from tests.iso20022.support_exceptions import (
    assert_extra_survives,
    assert_golden,
    assert_round_trip,
    case_input,
    inject,
    read_case,
    schema_errors,
    write,
)

CASES = ("admi024-cbpr-envelope", "admi024-multi-notification", "admi024-party-enclosure")


def _read(case: str) -> Correspondence:
    message = read_case(case)
    assert isinstance(message, Correspondence)
    return message


def test_envelope_maps_header_ids_type_narrative_and_related_id() -> None:
    m = _read("admi024-cbpr-envelope")
    assert m.message_type == "admi.024.001.01"
    assert m.header is not None
    assert (m.header.from_bic, m.header.to_bic) == ("BANKDEFFXXX", "BANKGB2LXXX")
    group = m.group_header
    assert group is not None and group.message_id == "NTF-20261129-0001"
    assert group.creation is not None
    assert group.creation.value == datetime(2026, 11, 29, 9, 15, tzinfo=timezone.utc)
    assert group.sender == Agent(bic="BANKDEFFXXX")
    assert group.receiver == Agent(bic="BANKGB2LXXX")
    (n,) = m.notifications
    assert n.sender_id == "NTF-20261129-0001"
    assert n.notification_type == CodeOrProprietary(None, "MT199")
    assert n.sub_type is None
    assert n.narrative == ("PLEASE CONFIRM RECEIPT OF OUR PAYMENT", "REF PAY-4711 VALUE 29 NOV 2026")
    assert n.related_ids == ("YOUR-REF-0815",)
    assert n.extras == () and m.extras == ()


def test_two_notifications_location_data_and_supplementary_data_are_kept() -> None:
    m = _read("admi024-multi-notification")
    assert m.group_header is None and m.header is None
    first, second = m.notifications
    assert first.notification_type == CodeOrProprietary("PRCH", None)
    assert first.sub_type == CodeOrProprietary(None, "PRICING-2027")
    assert first.narrative[0].startswith("Nouvelle grille tarifaire à partir")
    # a related notification with location data is not reduced to its id: it stays whole
    assert first.related_ids == ()
    assert [e.path for e in first.extras] == ["/Document/NtfctnOfCrspdc/NtfctnData[1]/RltdNtfctnData[1]"]
    assert "pricing@example.com" in first.extras[0].content
    assert second.related_ids == ("CORR-7781-A", "CORR-7699")
    assert second.notification_type == CodeOrProprietary(None, "MT299")
    assert [e.path for e in m.extras] == ["/Document/NtfctnOfCrspdc/SplmtryData[1]"]


def test_party_sender_with_lei_and_enclosed_file() -> None:
    m = _read("admi024-party-enclosure")
    group = m.group_header
    assert group is not None and group.creation is not None
    assert group.creation.text == "2026-12-01T16:45:30.125+01:00"
    assert group.creation.value.utcoffset() == timedelta(hours=1)
    sender = group.sender
    assert isinstance(sender, Party)
    assert (sender.name, sender.lei, sender.kind) == (
        "Ĳsselmeer Logistiek B.V.",
        "724500VKKSH9QOLTFR81",
        PartyKind.ORGANISATION,
    )
    assert group.receiver == Agent(bic="ABNANL2A")
    (n,) = m.notifications
    assert n.notification_type == CodeOrProprietary("DOCU", None)
    assert [e.path for e in n.extras] == ["/Document/NtfctnOfCrspdc/NtfctnData[1]/NclsdFile[1]"]
    assert "<Nclsr>JVBERi0xLjQK</Nclsr>" in n.extras[0].content


@pytest.mark.parametrize("case", CASES)
def test_golden_model(case: str, update_goldens: bool) -> None:
    assert_golden(case, update_goldens)


@pytest.mark.parametrize("case", CASES)
def test_round_trip_is_lossless_and_valid(case: str) -> None:
    assert_round_trip(case)


@pytest.mark.parametrize("case", CASES)
def test_inputs_are_schema_valid(case: str) -> None:
    assert schema_errors(case_input(case), "admi.024.001.01") == []


def test_written_model_from_scratch_is_schema_valid() -> None:
    from finmsg.model.admin import CorrespondenceNotification

    message = Correspondence(
        message_type="admi.024.001.01",
        family="iso20022",
        notifications=(
            CorrespondenceNotification(
                sender_id="X1", notification_type=CodeOrProprietary(None, "MT299"), narrative=("A", "B")
            ),
        ),
    )
    out, diagnostics = write(message, "admi.024")
    assert diagnostics == []
    assert schema_errors(out, "admi.024.001.01") == []
    assert b"<NtfctnNrrtv>A</NtfctnNrrtv><NtfctnNrrtv>B</NtfctnNrrtv>" in out.replace(b"\n", b"").replace(
        b"  ", b""
    )


def test_group_header_unknown_child_survives() -> None:
    data = inject(
        "admi024-cbpr-envelope", "NtfctnOfCrspdc", "<SplmtryData><Envlp><Note>x</Note></Envlp></SplmtryData>"
    )
    message = assert_extra_survives(data)
    assert [e.path for e in message.extras] == ["/Document/NtfctnOfCrspdc/SplmtryData[1]"]


def test_document_without_body_is_a_parse_error() -> None:
    from finmsg.errors import ParseError

    data = b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:admi.024.001.01"><Other/></Document>'
    with pytest.raises(ParseError):
        read_iso(data, {})
