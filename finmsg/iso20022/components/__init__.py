"""Readers and writers of the ISO 20022 building blocks shared by many messages."""
