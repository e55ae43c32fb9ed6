"""Sea distances and passages, and the limits canals and ports set on a vessel."""
