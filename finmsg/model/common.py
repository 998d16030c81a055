"""Building blocks shared by every message family: amounts, parties, agents, accounts.

No I/O and no format knowledge lives here. Values keep the precision of the
source (``Decimal`` amounts, original timestamp text) so that a writer of the
same format reproduces the input exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import Enum

from finmsg.model.fastinit import speed_up_inits

__all__ = [
    "Account",
    "AddressStyle",
    "Agent",
    "Amount",
    "BirthInfo",
    "ClearingMember",
    "Extra",
    "GenericId",
    "Party",
    "PartyKind",
    "PostalAddress",
    "Timestamp",
]


@dataclass(frozen=True, slots=True)
class Extra:
    """Supplementary data a mapping could not place: kept, tagged with its source.

    ``source`` is the format family (``iso20022``, ``mt``, ``fix``), ``path`` is
    the location relative to the owning model object (``RgltryRptg[1]``) and
    ``content`` the original text (an XML fragment, an MT field value, ...).
    A writer of the same family puts it back; any other writer reports it.
    """

    source: str
    path: str
    content: str


@dataclass(frozen=True, slots=True)
class Amount:
    """A monetary amount: exact ``Decimal`` value and ISO 4217 currency code."""

    value: Decimal
    currency: str

    def __str__(self) -> str:
        return f"{self.currency} {self.value}"


@dataclass(frozen=True, slots=True)
class Timestamp:
    """A date-time that keeps its original text (precision, offset) next to the parsed value."""

    value: datetime
    text: str

    @property
    def has_offset(self) -> bool:
        return self.value.tzinfo is not None


class AddressStyle(str, Enum):
    """How the *source* expressed a postal address."""

    STRUCTURED = "structured"
    UNSTRUCTURED = "unstructured"
    HYBRID = "hybrid"


@dataclass(frozen=True, slots=True)
class PostalAddress:
    """A postal address kept both structured and as free lines, with the source style."""

    style: AddressStyle
    address_type: str | None = None
    care_of: str | None = None
    department: str | None = None
    sub_department: str | None = None
    street_name: str | None = None
    building_number: str | None = None
    building_name: str | None = None
    floor: str | None = None
    unit_number: str | None = None
    post_box: str | None = None
    room: str | None = None
    post_code: str | None = None
    town_name: str | None = None
    town_location_name: str | None = None
    district_name: str | None = None
    country_subdivision: str | None = None
    country: str | None = None
    lines: tuple[str, ...] = ()
    extras: tuple[Extra, ...] = ()

    @staticmethod
    def style_of(has_structured: bool, has_lines: bool) -> AddressStyle:
        if has_lines and has_structured:
            return AddressStyle.HYBRID
        return AddressStyle.UNSTRUCTURED if has_lines else AddressStyle.STRUCTURED


@dataclass(frozen=True, slots=True)
class GenericId:
    """A proprietary identifier with its scheme (code or proprietary) and issuer."""

    id: str
    scheme_code: str | None = None
    scheme_proprietary: str | None = None
    issuer: str | None = None


class PartyKind(str, Enum):
    ORGANISATION = "organisation"
    PERSON = "person"


@dataclass(frozen=True, slots=True)
class BirthInfo:
    """Date and place of birth of a natural person."""

    date: str
    city: str
    country: str
    province: str | None = None


@dataclass(frozen=True, slots=True)
class Party:
    """A debtor, creditor, ultimate party or initiating party.

    Identifiers are typed: ``bic`` (AnyBIC), ``lei``, and ``other_ids`` carrying
    their scheme. ``kind`` records whether the source identified an organisation
    or a private person.
    """

    name: str | None = None
    address: PostalAddress | None = None
    kind: PartyKind | None = None
    bic: str | None = None
    lei: str | None = None
    other_ids: tuple[GenericId, ...] = ()
    birth: BirthInfo | None = None
    country_of_residence: str | None = None
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True)
class ClearingMember:
    """A clearing-system member id (e.g. ``USABA`` / ``021000021``)."""

    member_id: str
    system_code: str | None = None
    system_proprietary: str | None = None


@dataclass(frozen=True, slots=True)
class Agent:
    """A financial institution acting as agent (BICFI, clearing id, LEI, name and address)."""

    bic: str | None = None
    clearing: ClearingMember | None = None
    lei: str | None = None
    name: str | None = None
    address: PostalAddress | None = None
    other_id: GenericId | None = None
    branch_id: str | None = None
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True)
class Account:
    """A cash account: IBAN or another id with scheme, plus type, currency and name."""

    iban: str | None = None
    other: GenericId | None = None
    type_code: str | None = None
    type_proprietary: str | None = None
    currency: str | None = None
    name: str | None = None
    proxy: str | None = None
    extras: tuple[Extra, ...] = ()

    @property
    def identifier(self) -> str | None:
        return self.iban or (self.other.id if self.other else None)


speed_up_inits(__name__)
