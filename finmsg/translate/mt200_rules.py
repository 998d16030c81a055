"""Rule ids TF010... of the MT200 ↔ pacs.009 and pacs.002 → MT199 pairs, registered on import."""

from __future__ import annotations

from finmsg.translate.rules import register_rules

__all__ = ["MT200_RULES"]

MT200_RULES = {
    "TF010": "MT200 -> pacs.009: the sender is Dbtr and Cdtr (a transfer for its own account); "
    "field 20 is also the EndToEndId (MT200 has no field 21)",
    "TF011": "pacs.009 -> MT200 (only when asked): Dbtr and Cdtr must be the sender; EndToEndId, "
    "52a, 54a and 58a have no MT200 field and are reported",
    "TF012": "pacs.009 -> MT200: 57a is mandatory; without CdtrAgt it names the receiver (InstdAgt)",
    "TF013": "pacs.009 -> MT200: 53a is only 53B (an account and/or a location); other 53a are reported",
}
register_rules(MT200_RULES)
