"""Pure readers and writers for external file formats."""
