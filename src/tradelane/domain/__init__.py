"""Domain records: frozen, validated, with units in field names. No I/O, no solvers."""

from tradelane.domain.case import Case, Economics, PortCallCost, RoutingPolicy
from tradelane.domain.demand import Demand
from tradelane.domain.fuel import Fuel
from tradelane.domain.passage import Canal
from tradelane.domain.port import Port
from tradelane.domain.routing import Routing
from tradelane.domain.service import Service
from tradelane.domain.terminal import Berth, Terminal, WeeklyCall
from tradelane.domain.vessel import VesselClass

__all__ = [
    "Berth",
    "Canal",
    "Case",
    "Demand",
    "Economics",
    "Fuel",
    "Port",
    "PortCallCost",
    "Routing",
    "RoutingPolicy",
    "Service",
    "Terminal",
    "VesselClass",
    "WeeklyCall",
]
