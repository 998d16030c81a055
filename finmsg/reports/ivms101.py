"""``ivms101``: the travel-rule identity payload (IVMS101) of a pacs.008 or MT103.

Originator and beneficiary become natural or legal persons with their postal
addresses, national identification (the LEI as ``LEIX``, other ids with their
scheme), birth data and account numbers; the debtor and creditor agents become
the originating and beneficiary institutions. Every payload is validated
against the shipped JSON Schema (``schemas/ivms101.schema.json``, written from
the IVMS101 data model); whatever cannot be represented is reported as a
diagnostic next to the payload, never dropped silently.

Choices worth knowing: a party whose kind the source did not state is a legal
person when it has an LEI or BIC and no birth data, else a natural person; a
natural person's name is kept whole as the primary identifier (names are not
split into first and last names by guesswork); an agent without a name is
named by its BIC.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import cache
from importlib.resources import files
from typing import Any

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.errors import FinmsgError
from finmsg.model.common import Account, Agent, Party, PartyKind, PostalAddress
from finmsg.model.payments import CreditTransfer, CreditTransferTx
from finmsg.reports.base import Rejected, Report, ReportInput, dumps_json, known_rejected, to_credit_transfer
from finmsg.standards import country

__all__ = ["EXPORTER", "Ivms101Exporter", "build_payload", "schema", "validate_payload"]

#: Scheme codes of the source (ISO 20022 external person/organisation id codes) -> IVMS101 types.
_NATURAL_ID_TYPES = {
    "CCPT": "CCPT",
    "DRLC": "DRLC",
    "NIDN": "IDCD",
    "SOSE": "SOCS",
    "TXID": "TXID",
    "ARNU": "ARNU",
}
_ADDRESS_TYPES = {
    "HOME": "HOME",
    "BIZZ": "BIZZ",
    "GEOG": "GEOG",
    "ADDR": "GEOG",
    "PBOX": "GEOG",
    "MLTO": "GEOG",
}
_ADDRESS_MEMBERS = (
    ("department", "department", 50),
    ("sub_department", "subDepartment", 70),
    ("street_name", "streetName", 70),
    ("building_number", "buildingNumber", 16),
    ("building_name", "buildingName", 35),
    ("floor", "floor", 70),
    ("post_box", "postBox", 16),
    ("room", "room", 70),
    ("post_code", "postcode", 16),
    ("town_name", "townName", 35),
    ("town_location_name", "townLocationName", 35),
    ("district_name", "districtName", 35),
    ("country_subdivision", "countrySubDivision", 35),
)


@cache
def schema() -> dict[str, Any]:
    """The shipped IVMS101 JSON Schema."""
    text = files("finmsg.reports").joinpath("schemas/ivms101.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def _validator() -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(schema())


def validate_payload(payload: Mapping[str, Any]) -> list[Diagnostic]:
    """Schema violations of ``payload`` as diagnostics (``ivms101.schema``); needs ``jsonschema``."""
    validator = _validator()
    return [
        Diagnostic(
            "ivms101.schema",
            Severity.ERROR,
            error.message,
            path="/".join(str(p) for p in error.absolute_path) or "/",
        )
        for error in sorted(validator.iter_errors(payload), key=lambda e: list(map(str, e.absolute_path)))
    ]


class _Builder:
    """Collects the diagnostics of one payload while mapping its parts."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []

    def note(self, code: str, path: str, message: str, original: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(code, Severity.WARNING, message, path=path, original=original))

    def text(self, value: str, limit: int, path: str) -> str:
        if len(value) > limit:
            self.note("lossy.truncated", path, f"IVMS101 allows {limit} characters here", original=value)
            return value[:limit]
        return value

    def address(self, address: PostalAddress | None, path: str, legal: bool) -> list[dict[str, Any]]:
        if address is None:
            return []
        if not address.country:
            self.note(
                "ivms101.address.country",
                path,
                "the address has no country, which IVMS101 requires; it is left out of the payload",
                original=", ".join(address.lines) or address.town_name,
            )
            return []
        out: dict[str, Any] = {
            "addressType": _ADDRESS_TYPES.get(address.address_type or "", "BIZZ" if legal else "HOME")
        }
        for member, key, limit in _ADDRESS_MEMBERS:
            value = getattr(address, member)
            if value:
                out[key] = self.text(value, limit, f"{path}.{member}")
        lines = [self.text(line, 70, f"{path}.lines[{i}]") for i, line in enumerate(address.lines, 1)]
        if len(lines) > 3:
            self.note(
                "lossy.truncated",
                f"{path}.lines",
                "IVMS101 allows 3 address lines",
                original=" / ".join(lines),
            )
            lines = lines[:3]
        street = "streetName" in out and ("buildingNumber" in out or "buildingName" in out)
        if not lines and not street:
            # C8 wants lines or street+building: render the structured parts as one line as well.
            parts = [out[k] for k in ("streetName", "postcode", "townName") if k in out]
            lines = [self.text(" ".join(parts), 70, path)] if parts else []
        if lines:
            out["addressLine"] = lines
        out["country"] = address.country
        return [out]

    def person(self, party: Party | Agent | None, path: str, role: str) -> dict[str, Any] | None:
        if party is None:
            return None
        if isinstance(party, Agent):
            return self.institution(party, path)
        legal = party.kind is PartyKind.ORGANISATION or (
            party.kind is None and bool(party.lei or party.bic) and party.birth is None
        )
        if party.kind is None:
            self.diagnostics.append(
                Diagnostic(
                    "ivms101.kind.assumed",
                    Severity.INFO,
                    f"the source does not say whether the {role} is a person or an organisation; "
                    + ("legal person assumed (LEI/BIC given)" if legal else "natural person assumed"),
                    path=path,
                )
            )
        name = party.name or party.bic or party.lei
        if not name:
            self.note("ivms101.name", f"{path}.name", f"the {role} has no name; IVMS101 requires one")
            return None
        addresses = self.address(party.address, f"{path}.address", legal)
        if legal:
            legal_person: dict[str, Any] = {
                "name": {
                    "nameIdentifier": [
                        {
                            "legalPersonName": self.text(name, 100, f"{path}.name"),
                            "legalPersonNameIdentifierType": "LEGL",
                        }
                    ]
                }
            }
            if addresses:
                legal_person["geographicAddress"] = addresses
            if party.lei:
                legal_person["nationalIdentification"] = {
                    "nationalIdentifier": party.lei,
                    "nationalIdentifierType": "LEIX",
                }
            # Every other identifier is placed or reported, LEI or not. countryOfRegistration is
            # not filled: the source states an address country, not where the entity is registered.
            self._other_ids(party, path, legal_person, True)
            if party.bic and name != party.bic:
                self.note(
                    "ivms101.id",
                    f"{path}.bic",
                    "identifier left out: IVMS101 has no identifier type for a BIC of a customer",
                    original=party.bic,
                )
            return {"legalPerson": legal_person}
        natural: dict[str, Any] = {
            "name": {
                "nameIdentifier": [
                    {"primaryIdentifier": self.text(name, 100, f"{path}.name"), "nameIdentifierType": "LEGL"}
                ]
            }
        }
        if addresses:
            natural["geographicAddress"] = addresses
        self._other_ids(party, path, natural, False)
        if party.birth is not None:
            natural["dateAndPlaceOfBirth"] = {
                "dateOfBirth": party.birth.date,
                "placeOfBirth": self.text(
                    ", ".join(p for p in (party.birth.city, party.birth.country) if p), 70, f"{path}.birth"
                ),
            }
        if party.country_of_residence:
            natural["countryOfResidence"] = party.country_of_residence
        return {"naturalPerson": natural}

    def _other_ids(self, party: Party, path: str, out: dict[str, Any], legal: bool) -> None:
        for i, other in enumerate(party.other_ids, 1):
            here = f"{path}.other_ids[{i}]"
            kind = None if legal else _NATURAL_ID_TYPES.get(other.scheme_code or "")
            if other.scheme_code == "CUST":
                key = "customerNumber" if legal else "customerIdentification"
                if key not in out:
                    out[key] = self.text(other.id, 50, here)
                    continue
            elif kind and "nationalIdentification" not in out:
                national = {
                    "nationalIdentifier": self.text(other.id, 35, here),
                    "nationalIdentifierType": kind,
                }
                issuer = (other.issuer or "").upper()
                if country.is_valid(issuer):
                    national["countryOfIssue"] = issuer
                elif other.issuer:
                    self.note(
                        "ivms101.id",
                        f"{here}.issuer",
                        "issuer left out: not an ISO 3166 country code",
                        original=other.issuer,
                    )
                out["nationalIdentification"] = national
                continue
            why = (
                "a legal person's national id needs a registration authority (RA code) not in the source"
                if legal
                else f"scheme {other.scheme_code or other.scheme_proprietary!r} has no IVMS101 type"
            )
            self.note("ivms101.id", here, f"identifier left out: {why}", original=other.id)

    def institution(self, agent: Agent | None, path: str) -> dict[str, Any] | None:
        if agent is None:
            return None
        name = agent.name or agent.bic or (agent.clearing.member_id if agent.clearing else None)
        if not name:
            self.note("ivms101.name", path, "the institution has neither name nor BIC nor clearing id")
            return None
        legal: dict[str, Any] = {
            "name": {
                "nameIdentifier": [
                    {
                        "legalPersonName": self.text(name, 100, f"{path}.name"),
                        "legalPersonNameIdentifierType": "LEGL",
                    }
                ]
            }
        }
        addresses = self.address(agent.address, f"{path}.address", True)
        if addresses:
            legal["geographicAddress"] = addresses
        if agent.lei:
            legal["nationalIdentification"] = {
                "nationalIdentifier": agent.lei,
                "nationalIdentifierType": "LEIX",
            }
        return {"legalPerson": legal}


def _accounts(account: Account | None) -> list[str]:
    identifier = account.identifier if account is not None else None
    return [identifier] if identifier else []


def build_payload(tx: CreditTransferTx, path: str) -> tuple[dict[str, Any], list[Diagnostic]]:
    """The IVMS101 payload of one customer credit transfer and the diagnostics of its mapping."""
    builder = _Builder()
    payload: dict[str, Any] = {}
    for role, member, account in (
        ("originator", "debtor", tx.debtor_account),
        ("beneficiary", "creditor", tx.creditor_account),
    ):
        person = builder.person(getattr(tx, member), f"{path}.{member}", role)
        block: dict[str, Any] = {f"{role}Persons": [person] if person else []}
        numbers = _accounts(account)
        if numbers:
            block["accountNumber"] = numbers
        payload[role] = block
    originating = builder.institution(tx.debtor_agent, f"{path}.debtor_agent")
    if originating:
        payload["originatingVASP"] = {"originatingVASP": originating}
    beneficiary = builder.institution(tx.creditor_agent, f"{path}.creditor_agent")
    if beneficiary:
        payload["beneficiaryVASP"] = {"beneficiaryVASP": beneficiary}
    return payload, builder.diagnostics


class Ivms101Exporter:
    """``ivms101``: a JSON array with one IVMS101 payload per customer transfer."""

    name = "ivms101"
    formats = ("json",)

    def export(self, inputs: Iterable[ReportInput], options: Mapping[str, Any]) -> Report:
        report = Report(self.name, rejected=known_rejected(options))
        for item in inputs:
            try:
                message, _ = to_credit_transfer(item.message)
            except FinmsgError as exc:
                report.rejected.append(Rejected(item.source, exc.code, exc.message, exc.path))
                continue
            assert isinstance(message, CreditTransfer)
            if message.variant != "customer":
                report.rejected.append(
                    Rejected(
                        item.source,
                        "report.unsupported",
                        "IVMS101 payloads are built from customer transfers (pacs.008, MT103)",
                    )
                )
                continue
            for i, tx in enumerate(message.transactions, 1):
                payload, diagnostics = build_payload(tx, f"transactions[{i}]")
                diagnostics += validate_payload(payload)
                report.error_count += sum(1 for d in diagnostics if d.is_error)
                report.records.append(
                    {
                        "source": item.source,
                        "transaction": f"transactions[{i}]",
                        "ivms101": payload,
                        "diagnostics": [d.to_dict() for d in diagnostics],
                    }
                )
        document = {
            "report": self.name,
            "payloads": report.records,
            "rejected": [r.to_dict() for r in report.rejected],
        }
        report.payload = dumps_json(document)
        report.formats = {"json": report.payload}
        return report


EXPORTER = Ivms101Exporter()
