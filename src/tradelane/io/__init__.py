"""Readers and writers of external formats: pure ``parse_x(text)`` and thin ``read_x(path)``."""
