"""The HTTP API: DCSA-shaped bookings and schedules (FastAPI)."""

from tradelane.api.app import create_app

__all__ = ["create_app"]
