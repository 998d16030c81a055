"""Compliance exporters: writers of regulatory report payloads from the canonical model.

Each exporter is one module (or package) of :mod:`finmsg.reports` exposing an
``EXPORTER`` object (see :class:`finmsg.reports.base.Exporter`). They are found
by name, so adding an exporter never edits a central list:

>>> from finmsg.reports import get_exporter
>>> get_exporter("tfr-check").name
'tfr-check'
"""

from __future__ import annotations

import importlib

from finmsg.errors import UnknownFormatError
from finmsg.reports.base import Exporter

__all__ = ["NAMES", "get_exporter"]

#: Exporters shipped with finmsg (CLI choices); each name maps to ``finmsg.reports.<name with _>``.
NAMES = ("tfr-check", "mifir", "ivms101", "screening")


def get_exporter(name: str) -> Exporter:
    """The exporter called ``name`` (``tfr-check``, ``mifir``, ``ivms101``, ``screening``)."""
    module_name = "finmsg.reports." + name.replace("-", "_")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        raise UnknownFormatError(f"unknown report {name!r}", code="report.unknown", value=name) from None
    exporter: Exporter = module.EXPORTER
    return exporter
