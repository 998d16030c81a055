"""Tests of finmsg.standards."""
