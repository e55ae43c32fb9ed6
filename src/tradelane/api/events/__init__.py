"""DCSA Track & Trace 2.2: ``/v2/events``, ``/v2/event-subscriptions`` and the delivery
worker; the carrier's actuals (``/api/voyages/…/actuals``)."""
