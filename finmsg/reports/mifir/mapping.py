"""FIX ExecutionReport / TradeCaptureReport -> RTS 22 :class:`TxRecord`, with reference data.

Every mapping rule has an id (``MIFIR-MAP-...``) used by the diagnostics it
raises. Field sources (FIX tag -> RTS 22 field):

* transaction reference: ExecID 17 (ER) / TradeReportID 571 (AE); a cancellation
  (ExecType 150=H, TradeReportTransType 487=1) reports ``Cxl`` for ExecRefID 19 /
  TradeReportRefID 572, i.e. the reference of the report it cancels. FIX requires that
  reference on a cancel: without it the cancel is an error (``MIFIR-MAP-CANCEL``) and
  nothing is cancelled (its own ExecID names the cancel message, not the cancelled trade);
* a trade capture Reverse (487=4) or Cancel Due To Back Out of Trade (487=5) undoes the
  reported trade: RTS 22 has no reversal, so it is a cancellation of 572 like 487=1;
* the cancellation or correction of a report that an earlier message of the same run already
  replaced targets the latest live report (:mod:`finmsg.reports.mifir.chain`);
* a correction (ExecType 150=G) is reported as a new transaction under its ExecID 17, and
  ``replaces`` the report of ExecRefID 19, which is cancelled first (RTS 22 has no amendment);
  a trade capture Replace (487=2) likewise replaces the report of TradeReportRefID 572;
* FIX 4.0-4.2 ExecTransType 20 (merged into ExecType in FIX 4.3): 1 Cancel is read as
  ExecType H, 2 Correct as ExecType G, 3 Status is no execution (nothing to report), see
  :mod:`finmsg.reports.mifir.exectype`;
* venue transaction id: RegulatoryTradeID 1903 where RegulatoryTradeIDType 1906=5;
* executing entity: Parties with PartyRole 452=1 and PartyIDSource 447=N (LEI), else refdata;
* buyer / seller from Side 54 and the client (PartyRole 3) or counterparty (PartyRole 17); of a
  trade capture report, the firm's side is found in the data (:mod:`~finmsg.reports.mifir.tcrside`)
  and the counterparty is the executing firm of the other side;
  dealing on own account makes the firm itself the buyer or seller;
* trading date time: TrdRegTimestamp 769 with 770=1, else TransactTime 60;
* trading capacity: LastCapacity 29, else OrderCapacity 528 -> DEAL / MTCH / AOTC;
* quantity LastQty 32 (QtyType 854), price LastPx 31 (PriceType 423) with Currency 15; QtyType 854=0
  ("units (shares, par, currency)") of a debt instrument (CFI 461 starting with D) priced in percent,
  yield or basis points is units of par: the nominal value (NmnlVal in Currency 15);
* net amount NetMoney 118, only for a debt instrument (RTS 22 field 35; not applicable otherwise);
* country of the branch (fields 8 / 17), only for a client buyer / seller: the refdata party's
  ``branch_country``, else the firm's (the branch that received the client's order); none for the
  firm dealing on own account or a counterparty (RTS 22: "where the buyer is a client");
* venue LastMkt 30 (MIC, XOFF or SINT); instrument SecurityID 48 with SecurityIDSource 22=4, CFI 461;
* investment decision / execution within the firm: PartyRole 122 / 12 with PartyRoleQualifier
  2376 (24 natural person, 22 algorithm);
* any other FIX field the reader kept as an extra (a custom tag, an unmapped standard tag or
  group) is reported as ``lossy.dropped`` (``MIFIR-MAP-UNREAD``) on a reported transaction;
* waiver indicator: TrdRegPublicationType 2669=0 with reason 2670; OTC post-trade indicator from
  deferral reasons (2669=1), TradePriceCondition 1839 and TrdType 828; short selling: Side 5 -> SESH,
  6 -> SSEX; risk reduction: OrderAttributeType 2594=3; SFT: 2670=11 or TrdType 53.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.model.trading import (
    ExecutionReport,
    TradeCaptureReport,
    TradingMessage,
    TradingParty,
    UtcTimestamp,
)
from finmsg.reports.mifir.concat import concat
from finmsg.reports.mifir.exectype import execution_kind
from finmsg.reports.mifir.fixview import FixView
from finmsg.reports.mifir.record import Decider, Person, Price, Quantity, ReportParty, TxRecord
from finmsg.reports.mifir.refdata import RefData
from finmsg.reports.mifir.tcrside import firm_side
from finmsg.translate.context import Ctx
from finmsg.translate.fix_leftovers import Consumed, report_fix_leftovers

__all__ = ["build_record", "utc_text"]

LAST_CAPACITY = {"1": "AOTC", "2": "AOTC", "3": "DEAL", "4": "DEAL", "5": "MTCH"}
ORDER_CAPACITY = {"A": "AOTC", "G": "DEAL", "I": "AOTC", "P": "DEAL", "R": "MTCH", "W": "AOTC"}
PRICE_TYPE = {"2": "MntryVal", "1": "Pctg", "9": "Yld", "22": "BsisPts"}
QTY_TYPE = {"0": "Unit", "1": "Unit"}
WAIVER_REASON = {"0": "NLIQ", "1": "RFPT", "2": "PRIC", "3": "RFPT", "4": "ILQD", "5": "SIZE"}
DEFERRAL_REASON = {"6": "LRGS", "7": "ILQD", "8": "SIZE"}
PRICE_CONDITION = {"13": "SDIV", "14": "RPRI", "15": "TNCP"}
TRD_TYPE_OTC = {"64": "BENC"}
SHORT_SELLING = {"5": "SESH", "6": "SSEX"}
#: The FIX extras the mapping reads (through :class:`FixView`); every other extra of a reported
#: transaction is named as ``lossy.dropped`` (MIFIR-MAP-UNREAD): nothing leaves silently. Of the
#: TrdRegTimestamps (768) and RegulatoryTradeIDs (1907) groups, when kept whole, the execution
#: time (769 with 770) and the venue transaction id (1903 with 1906) are read.
READ = Consumed(
    # 43 PossDupFlag / 122 OrigSendingTime: read by the duplicate rule (dedup.py)
    message=frozenset({15, 19, 20, 29, 30, 43, 118, 122, 423, 487, 528, 572, 828, 854}),
    groups={768: frozenset({769, 770}), 1907: frozenset({1903, 1906})},
    side=frozenset({29, 528}),
)
#: TradeReportTransType (487) values that undo the reported trade (RTS 22: a cancellation).
TRADE_CAPTURE_CANCELS = {"1": "Cancel", "4": "Reverse", "5": "Cancel Due To Back Out of Trade"}
_BUY, _SELL = frozenset("1"), frozenset({"2", "5", "6"})
_QUAL_PERSON, _QUAL_ALGO = "24", "22"


def utc_text(stamp: UtcTimestamp) -> tuple[str, int]:
    """ISO 8601 UTC text with ``Z``, at the source's fractional precision, and that precision."""
    digits = stamp.precision
    base = stamp.value.strftime("%Y-%m-%dT%H:%M:%S")
    if digits:
        fraction = f"{stamp.nanos:09d}"[:digits] if digits <= 9 else f"{stamp.nanos:09d}".ljust(digits, "0")
        base += "." + fraction
    return base + "Z", digits


def _parse_fix_time(text: str) -> UtcTimestamp | None:
    from datetime import datetime, timezone

    head, _, fraction = text.partition(".")
    try:
        moment = datetime.strptime(head, "%Y%m%d-%H:%M:%S").replace(tzinfo=timezone.utc)
    except ValueError:
        return None
    if fraction and not fraction.isdigit():
        return None
    nanos = int(fraction[:9].ljust(9, "0")) if fraction else 0
    return UtcTimestamp(moment.replace(microsecond=nanos // 1000), nanos, text)


class _Mapper:
    def __init__(self, message: TradingMessage, refdata: RefData, source: str) -> None:
        self.message = message
        self.diagnostics: list[Diagnostic] = []
        #: the firm's side of a trade capture report (tcrside.py); the other side is the counterparty
        self.side = 0
        if isinstance(message, TradeCaptureReport):
            self.side, warning = firm_side(message, refdata)
            if warning is not None:
                self.diagnostics.append(warning)
        self.view = FixView.of(message, self.side)
        self.refdata = refdata
        self.source = source

    def note(
        self, severity: Severity, code: str, path: str, message: str, original: str | None = None
    ) -> None:
        """Record a finding; the rule id is the code (every mapping rule reports under its own id)."""
        self.diagnostics.append(Diagnostic(code, severity, message, path=path, rule=code, original=original))

    def error(self, code: str, path: str, message: str, original: str | None = None) -> None:
        self.note(Severity.ERROR, code, path, message, original)

    def warn(self, code: str, path: str, message: str, original: str | None = None) -> None:
        self.note(Severity.WARNING, code, path, message, original)

    # -- parties -------------------------------------------------------------------------------
    def _parties(self) -> Sequence[TradingParty]:
        message = self.message
        if isinstance(message, TradeCaptureReport) and message.sides:
            return (*message.parties, *message.sides[self.side].parties)
        return message.parties

    def party(self, role: str) -> TradingParty | None:
        return next((p for p in self._parties() if p.role == role), None)

    def counterparty(self) -> TradingParty | None:
        found = self.party("17")
        message = self.message
        if found is None and isinstance(message, TradeCaptureReport) and len(message.sides) > 1:
            other = message.sides[1 if self.side == 0 else 0]
            found = next((p for p in other.parties if p.role in ("1", "17")), None)
        return found

    def person(self, short_code: str, path: str) -> Person | None:
        ref = self.refdata.party(short_code)
        if ref is None:
            self.error(
                "MIFIR-MAP-REFDATA",
                path,
                f"short code {short_code!r} is not in the reference data",
                original=short_code,
            )
            return None
        if ref.national_id:
            return Person(
                ref.national_id,
                ref.scheme or "NIDN",
                ref.first_name,
                ref.surname,
                ref.birth_date,
                ref.branch_country,
            )
        if ref.nationality and ref.birth_date and ref.first_name and ref.surname:
            try:
                ident = concat(ref.nationality, ref.birth_date, ref.first_name, ref.surname)
            except ValueError as exc:
                self.error("MIFIR-CONCAT", path, f"cannot build the CONCAT id of {short_code!r}: {exc}")
                return None
            return Person(ident, "CONC", ref.first_name, ref.surname, ref.birth_date, ref.branch_country)
        self.error(
            "MIFIR-MAP-REFDATA",
            path,
            f"person {short_code!r} needs a national id, or nationality, "
            "birth date, first name and surname for the CONCAT id",
            original=short_code,
        )
        return None

    def account_owner(self, party: TradingParty | None, path: str) -> ReportParty | None:
        if party is None:
            return None
        if party.lei:
            return ReportParty(lei=party.lei)
        if party.mic:
            return ReportParty(mic=party.mic)
        ref = self.refdata.party(party.id)
        if ref is not None and ref.lei:
            return ReportParty(
                lei=ref.lei,
                branch_country=ref.branch_country,
                **self.decision_maker(ref.decision_maker, path),
            )
        person = self.person(party.id, path)
        if person is None:
            return None
        return ReportParty(
            person=person,
            branch_country=person.branch_country,
            **self.decision_maker(ref.decision_maker if ref else None, path),
        )

    def decision_maker(self, code: str | None, path: str) -> dict[str, Any]:
        if not code:
            return {}
        ref = self.refdata.party(code)
        if ref is not None and ref.lei:
            return {"decision_maker_lei": ref.lei}
        person = self.person(code, f"{path}.decision_maker")
        return {"decision_maker": person} if person else {}

    def decider(self, role: str, path: str) -> Decider | None:
        party = self.party(role)
        if party is None:
            return None
        if party.role_qualifier == _QUAL_ALGO:
            return Decider(algo=party.id)
        if party.role_qualifier not in (None, _QUAL_PERSON):
            self.warn(
                "MIFIR-MAP-QUALIFIER",
                path,
                f"PartyRoleQualifier {party.role_qualifier} is neither 24 "
                "(natural person) nor 22 (algorithm); treated as a person",
                original=party.role_qualifier,
            )
        person = self.person(party.id, path)
        return Decider(person=person) if person else None


def _capacity(mapper: _Mapper) -> str | None:
    view = mapper.view
    last, order = view.get(29), view.get(528)
    if last is not None:
        if last in LAST_CAPACITY:
            return LAST_CAPACITY[last]
        mapper.error(
            "MIFIR-MAP-CAPACITY",
            "FIX:29",
            f"LastCapacity {last!r} has no RTS 22 trading capacity",
            original=last,
        )
        return None
    if order is not None:
        if order in ORDER_CAPACITY:
            return ORDER_CAPACITY[order]
        mapper.error(
            "MIFIR-MAP-CAPACITY",
            "FIX:528",
            f"OrderCapacity {order!r} has no RTS 22 trading capacity",
            original=order,
        )
        return None
    mapper.error("MIFIR-MAP-CAPACITY", "FIX:29", "neither LastCapacity (29) nor OrderCapacity (528) is given")
    return None


def _quantity_price(mapper: _Mapper, record: TxRecord, qty: Decimal | None, px: Decimal | None) -> None:
    message, view = mapper.message, mapper.view
    currency = message.currency or view.get(15)
    price_type = view.get(423) or "2"
    price_kind = PRICE_TYPE.get(price_type)
    if price_kind is None:
        mapper.error(
            "MIFIR-MAP-PRICE",
            "FIX:423",
            f"PriceType {price_type!r} has no RTS 22 price type",
            original=price_type,
        )
    elif px is None:
        mapper.error("MIFIR-MAP-PRICE", "FIX:31", "LastPx (31) is missing")
    elif price_kind == "MntryVal" and not currency:
        mapper.error("MIFIR-MAP-PRICE", "FIX:15", "a monetary price (LastPx 31) needs its Currency (15)")
    else:
        record.price = Price(price_kind, px, currency if price_kind == "MntryVal" else None)
    qty_type = view.get(854)
    if qty_type is not None and qty_type not in QTY_TYPE:
        mapper.error(
            "MIFIR-MAP-QTY", "FIX:854", f"QtyType {qty_type!r} has no RTS 22 quantity type", original=qty_type
        )
        return
    kind = QTY_TYPE[qty_type] if qty_type else ("NmnlVal" if price_kind in ("Pctg", "Yld") else "Unit")
    if qty_type == "0" and _is_debt(record.cfi) and price_kind in ("Pctg", "Yld", "BsisPts"):
        # FIX 854=0 is "units (shares, par, currency)": for a debt instrument priced in percent of
        # par, yield or basis points the units are units of par, i.e. RTS 22's nominal value
        kind = "NmnlVal"
    if qty is None:
        mapper.error("MIFIR-MAP-QTY", "FIX:32", "LastQty (32) is missing")
        return
    if kind != "Unit" and not currency:
        mapper.error("MIFIR-MAP-QTY", "FIX:15", f"a quantity in {kind} needs its Currency (15)")
        return
    record.quantity = Quantity(kind, qty, currency if kind != "Unit" else None)


def _is_debt(cfi: str | None) -> bool:
    """ISO 10962 category D: debt instruments (bonds, money market, ...)."""
    return bool(cfi) and str(cfi).upper().startswith("D")


def _net_amount(mapper: _Mapper, record: TxRecord) -> None:
    """RTS 22 field 35 (Net amount) is "only for debt instruments": NetMoney (118) is reported
    for a CFI (461) starting with D and not applicable otherwise (nothing is lost: the report
    has no place for it), as for an instrument without a CFI to tell."""
    net = mapper.view.get(118)
    if net and _is_decimal(net) and _is_debt(record.cfi):
        record.net_amount = Decimal(net)


def _indicators(mapper: _Mapper, record: TxRecord, side: str | None) -> None:
    message, view = mapper.message, mapper.view
    for publication in message.trade_publications:
        if publication.type == "0" and publication.reason in WAIVER_REASON:
            record.waivers.append(WAIVER_REASON[publication.reason])
        elif publication.type == "1" and publication.reason in DEFERRAL_REASON:
            record.otc_post_trade.append(DEFERRAL_REASON[publication.reason])
        elif publication.reason == "11":
            record.sft = True
        else:
            mapper.warn(
                "MIFIR-MAP-WAIVER",
                "FIX:2669",
                f"TrdRegPublicationType {publication.type} with reason "
                f"{publication.reason} has no RTS 22 indicator",
                original=publication.reason,
            )
    for condition in message.trade_price_conditions:
        if condition in PRICE_CONDITION:
            record.otc_post_trade.append(PRICE_CONDITION[condition])
    trd_type = message.trd_type if isinstance(message, TradeCaptureReport) else view.get(828)
    if trd_type in TRD_TYPE_OTC:
        record.otc_post_trade.append(TRD_TYPE_OTC[trd_type])
    if trd_type == "53":
        record.sft = True
    if any(a.type == "3" and a.value in (None, "Y", "1") for a in message.order_attributes):
        record.risk_reduction = True
    record.short_selling = SHORT_SELLING.get(side or "")
    if record.venue not in ("XOFF", "SINT") and record.otc_post_trade:
        mapper.warn(
            "MIFIR-MAP-OTC",
            "FIX:30",
            "OTC post-trade indicators apply only off venue (XOFF/SINT); "
            f"{', '.join(record.otc_post_trade)} left out",
        )
        record.otc_post_trade.clear()


def _replacing(
    mapper: _Mapper, record: TxRecord, corrected: str | None, ref: tuple[str, str] = ("19", "ExecRefID")
) -> None:
    """A correction replaces the report of the execution it corrects (ExecRefID 19, or
    TradeReportRefID 572 of a trade capture Replace): RTS 22 has no amendment, so that report
    is cancelled and the corrected one reported as new."""
    if corrected and corrected != record.tx_id:
        record.replaces = corrected
        return
    tag, name = ref
    mapper.warn(
        "MIFIR-MAP-CORRECTION",
        f"FIX:{tag}",
        f"a trade correction without a {name} ({tag}) naming the execution it corrects: reported "
        "as a new transaction only; cancel the report of the corrected execution separately",
        original=corrected,
    )


def build_record(
    message: TradingMessage, refdata: RefData, source: str
) -> tuple[TxRecord | None, list[Diagnostic]]:
    """The RTS 22 record of one ExecutionReport or TradeCaptureReport, and the mapping diagnostics."""
    mapper = _Mapper(message, refdata, source)
    view = mapper.view
    firm = refdata.firm
    executing = mapper.party("1")
    executing_lei = executing.lei if executing is not None and executing.lei else firm.lei
    if not executing_lei:
        mapper.error(
            "MIFIR-MAP-EXECUTING",
            "FIX:453",
            "no executing entity LEI: PartyRole 1 with PartyIDSource N, or 'firm.lei' in the reference data",
        )
        return None, mapper.diagnostics
    submitting = firm.submitting_lei or executing_lei
    correction = False
    if isinstance(message, ExecutionReport):
        kind, finding = execution_kind(message.exec_type, view.get(20), message.begin_string)
        if kind is None:
            assert finding is not None
            mapper.diagnostics.append(finding)
            return None, mapper.diagnostics
        tx_id, side, qty, px = message.exec_id, message.side, message.last_qty, message.last_px
        cancel, correction = kind == "cancel", kind == "correct"
        cancelled_ref = view.get(19)
        venue = message.last_mkt or view.get(30)
    elif isinstance(message, TradeCaptureReport):
        tx_id, side, qty, px = (
            message.trade_report_id or message.exec_id,
            None,
            message.last_qty,
            message.last_px,
        )
        side = message.sides[mapper.side].side if message.sides else None
        trans = view.get(487)
        cancel = trans in TRADE_CAPTURE_CANCELS
        # TradeReportTransType 2 (Replace): the report of TradeReportRefID 572 is replaced.
        correction = trans == "2"
        cancelled_ref = view.get(572)
        venue = view.get(30)
        if trans is not None and trans in TRADE_CAPTURE_CANCELS and trans != "1":
            mapper.note(
                Severity.INFO,
                "MIFIR-MAP-REVERSE",
                "FIX:487",
                f"TradeReportTransType {trans} ({TRADE_CAPTURE_CANCELS[trans]}) undoes the reported trade; "
                "RTS 22 has no reversal: reported as the cancellation of TradeReportRefID (572)",
                original=trans,
            )
    else:
        # Orders, acks and session messages of a drop-copy log are not transactions (RTS 22 Art. 2).
        mapper.note(
            Severity.INFO,
            "MIFIR-MAP-NOT-A-TRADE",
            "FIX:35",
            f"MsgType {message.message_type} is not an ExecutionReport or TradeCaptureReport: "
            "nothing to report",
            original=message.message_type,
        )
        return None, mapper.diagnostics
    if cancel:
        if not cancelled_ref:
            tag, name = (
                ("19", "ExecRefID") if isinstance(message, ExecutionReport) else ("572", "TradeReportRefID")
            )
            mapper.error(
                "MIFIR-MAP-CANCEL",
                f"FIX:{tag}",
                f"a trade cancel without the {name} ({tag}) of the report it cancels (FIX requires it "
                f"on a cancel): nothing is cancelled; the cancel's own id {tx_id!r} names the cancel "
                "message, not a reported transaction",
                original=tx_id,
            )
            return None, mapper.diagnostics
        tx_id = cancelled_ref
    if not tx_id:
        mapper.error("MIFIR-MAP-TXID", "FIX:17", "no transaction reference (ExecID 17 / TradeReportID 571)")
        return None, mapper.diagnostics
    record = TxRecord(
        source, tx_id, executing_lei, submitting, cancel=cancel, investment_firm=firm.investment_firm
    )
    if cancel:
        return record, mapper.diagnostics
    if correction:
        ref = ("19", "ExecRefID") if isinstance(message, ExecutionReport) else ("572", "TradeReportRefID")
        _replacing(mapper, record, cancelled_ref, ref)
    record.transmission = firm.transmission
    record.branch_country = firm.branch_country
    record.venue = venue
    if not venue:
        mapper.error("MIFIR-MAP-VENUE", "FIX:30", "LastMkt (30) is missing: give the MIC, XOFF or SINT")
    record.venue_tx_id = next((r.id for r in message.regulatory_trade_ids if r.type == "5"), None)
    if record.venue_tx_id is None and view.get(1906) == "5":
        record.venue_tx_id = view.get(1903)
    stamp_text = view.execution_timestamp()
    stamp = _parse_fix_time(stamp_text) if stamp_text else message.transact_time
    if stamp_text and stamp is None:
        mapper.error(
            "MIFIR-MAP-TIME", "FIX:769", "TrdRegTimestamp is not a FIX UTCTimestamp", original=stamp_text
        )
    if stamp is None:
        mapper.error("MIFIR-MAP-TIME", "FIX:60", "no trading date time: TransactTime (60) or 769 with 770=1")
    else:
        record.trade_time, record.trade_time_precision = utc_text(stamp)
    record.capacity = _capacity(mapper)
    instrument = message.instrument
    record.isin = instrument.isin if instrument is not None else None
    record.cfi = instrument.cfi_code if instrument is not None else None
    _quantity_price(mapper, record, qty, px)
    _net_amount(mapper, record)
    if record.isin is None:
        mapper.error(
            "MIFIR-MAP-INSTRUMENT",
            "FIX:48",
            "no ISIN (SecurityID 48 with SecurityIDSource 22=4); "
            "instruments without an ISIN are not supported yet",
        )
    # RTS 22 fields 8/17 (country of the branch for the buyer/seller) apply only "where the buyer/
    # seller is a client": the firm dealing for itself and a counterparty have none
    firm_party = ReportParty(lei=executing_lei)
    client = mapper.account_owner(mapper.party("3"), "FIX:453[PartyRole=3]")
    if client is not None and not client.branch_country and firm.branch_country:
        # for a client: the country of the firm's branch that received its order (refdata party
        # branch_country, else the firm's)
        client = replace(client, branch_country=firm.branch_country)
    other = mapper.account_owner(mapper.counterparty(), "FIX:453[PartyRole=17]")
    if other is not None and other.branch_country:
        other = replace(other, branch_country=None)
    if other is None and venue and venue not in ("XOFF", "SINT", "XXXX"):
        other = ReportParty(mic=venue)
    ours = firm_party if record.capacity == "DEAL" or client is None else client
    if side in _BUY:
        record.buyer, record.seller = ours, other
    elif side in _SELL:
        record.buyer, record.seller = other, ours
    else:
        mapper.error("MIFIR-MAP-SIDE", "FIX:54", f"Side {side!r} is neither a buy nor a sell", original=side)
    for role, record_side in (("buyer", record.buyer), ("seller", record.seller)):
        if record_side is None and side in (_BUY | _SELL):
            mapper.error(
                "MIFIR-MAP-PARTY",
                "FIX:453",
                f"the {role} cannot be identified (client PartyRole 3, "
                "counterparty PartyRole 17, or a venue MIC)",
            )
    record.investment_decision = mapper.decider("122", "FIX:453[PartyRole=122]")
    record.execution = mapper.decider("12", "FIX:453[PartyRole=12]")
    if record.execution is None:
        mapper.warn(
            "MIFIR-MAP-EXECUTION",
            "FIX:453[PartyRole=12]",
            "no PartyRole 12 (execution within the firm): reported as NORE, meaning the client decided "
            "the execution; give PartyRole 12 when a person or an algorithm of the firm executed it",
        )
        record.execution = Decider(client=True)
    _indicators(mapper, record, side)
    ctx = Ctx()
    report_fix_leftovers(ctx, message, READ, "MIFIR-MAP-UNREAD", "an RTS 22 transaction report")
    mapper.diagnostics += ctx.diagnostics
    return record, mapper.diagnostics


def _is_decimal(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True
