"""Pure readers and writers of external formats: ``parse_x(text)`` and ``read_x(path)``."""
