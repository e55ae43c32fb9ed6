"""Domain records: frozen, validated, with units in field names. No I/O, no solvers."""

from tradelane.domain.case import Case, Economics, PortCallCost, RoutingPolicy
from tradelane.domain.fuel import Fuel
from tradelane.domain.passage import Canal
from tradelane.domain.port import Port
from tradelane.domain.routing import Routing
from tradelane.domain.service import Service
from tradelane.domain.vessel import VesselClass

__all__ = [
    "Canal",
    "Case",
    "Economics",
    "Fuel",
    "Port",
    "PortCallCost",
    "Routing",
    "RoutingPolicy",
    "Service",
    "VesselClass",
]
