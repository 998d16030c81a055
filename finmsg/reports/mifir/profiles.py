"""Output profiles of the transaction report: which auth.016 version, and which envelope.

``auth.016.001.03`` (official XSD vendored in ``xsd/``) is written bare. ESMA's
own reporting uses ``auth.016.001.01`` inside a ``head.003`` BizData envelope
with a ``head.001`` application header; adding it means adding a
:class:`Profile` here with its namespace and an ``envelope`` function — the
mapping, checks and element writer stay as they are (the element names this
writer uses are the same in both versions for the fields mapped).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

__all__ = ["AUTH016_V03", "PROFILES", "Profile"]


@dataclass(frozen=True, slots=True)
class Profile:
    """A way of writing auth.016: message id, namespace, and an optional envelope around ``Document``."""

    name: str
    message_id: str
    envelope: Callable[[etree._Element], etree._Element] | None = None

    @property
    def namespace(self) -> str:
        return f"urn:iso:std:iso:20022:tech:xsd:{self.message_id}"


AUTH016_V03 = Profile("auth.016.001.03", "auth.016.001.03")
PROFILES = {AUTH016_V03.name: AUTH016_V03}
