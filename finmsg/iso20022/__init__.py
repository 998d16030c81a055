"""ISO 20022 (MX) support: envelopes, schemas, readers and writers."""
