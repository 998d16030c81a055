"""FIX engine: tag=value tokenizer, QuickFIX data dictionaries, validation, reader and writer."""
