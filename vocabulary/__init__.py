"""Vocabulary mappings: remembered decisions that a source's value means one of the app's values."""
