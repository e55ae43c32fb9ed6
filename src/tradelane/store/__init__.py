"""Persistence of the booking desk: SQLAlchemy models, Alembic migrations, capacity."""
