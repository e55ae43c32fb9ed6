"""Proforma schedules: fleet sizing, speed, port-call times, voyage numbers."""
