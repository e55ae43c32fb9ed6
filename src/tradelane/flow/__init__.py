"""Cargo routing as a multi-commodity flow."""
