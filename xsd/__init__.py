"""Vendored official ISO 20022 schemas (data package ``finmsg._xsd``); see SOURCES.md."""
