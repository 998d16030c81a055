"""One module per ISO 20022 message family: a reader (Node → model) and a writer (model → WNode)."""
