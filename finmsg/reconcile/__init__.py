"""Reconciliation of two message sets (sent payments vs statement entries, statement vs statement)."""

from finmsg.reconcile.items import Item, ItemSet, load_items
from finmsg.reconcile.match import Match, Reconciliation, reconcile
from finmsg.reconcile.report import to_csv, to_json

__all__ = ["Item", "ItemSet", "Match", "Reconciliation", "load_items", "reconcile", "to_csv", "to_json"]
