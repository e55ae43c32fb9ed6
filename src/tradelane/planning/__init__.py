"""The service plan: every routing option with its schedule, fleet, fuel, cost and CO2."""

from tradelane.planning.service_plan import OptionPlan, ServicePlan, plan_service

__all__ = ["OptionPlan", "ServicePlan", "plan_service"]
