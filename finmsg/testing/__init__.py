"""Test helpers for finmsg users: hypothesis strategies that generate valid data.

Requires the ``hypothesis`` package (installed with the ``test`` extra). Import
the submodule you need, e.g. ``from finmsg.testing.identifiers import ibans``.
"""
