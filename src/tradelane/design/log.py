"""A designed network as a LINER-LIB-style log, the format of the published best networks.

``tradelane linerlib evaluate`` reads it back (service blocks: capacity, ``# vessels``, speed,
port calls). Speeds are written with every digit (``repr``), so that the evaluation of the
written log is the evaluation of the designed network, to the last bit; the published logs'
six significant digits would change the bunker cost.
"""

from __future__ import annotations

from pathlib import Path

from tradelane.domain.linerlib import LinerlibNetwork
from tradelane.linerlib.evaluate import Evaluation
from tradelane.linerlib.instance import Instance

__all__ = ["format_log", "write_log"]


def _service_block(i: int, evaluation: Evaluation, instance: Instance,
                   network: LinerlibNetwork) -> list[str]:
    s, f = network.services[i], evaluation.services[i]
    cls = instance.vessel_classes[s.vessel_class]
    lines = [f"service {i} service id {i}", f"capacity {cls.capacity_ffe:g}",
             f" # vessels {s.vessels}"]
    if len(set(s.calls)) < len(s.calls):
        lines.append(" Butterfly rotation ")
    for code in s.calls:
        lines.append(f"{i}\t{code}\t{instance.ports[code].name}")
    lines += ["", f" speed {s.speed_kn!r}",
              f" voyage distance nautical miles {f.distance_nm:g}",
              f" voyage duration in weeks {f.round_trip_days / 7.0:g}",
              f" Port call cost {f.port_calls_usd:.0f}",
              f" Total bunker cost at 600 USD for one round trip "
              f"{f.bunker_sailing_usd + f.bunker_idle_usd:.0f}",
              f" Total TC cost {f.charter_usd:.0f}"]
    return lines


def format_log(network: LinerlibNetwork, evaluation: Evaluation, instance: Instance) -> str:
    """The log text: service blocks, then the weekly figures (USD) of ``evaluation``."""
    out = ["*********************Best found solution********************************"]
    for i in range(len(network.services)):
        out += _service_block(i, evaluation, instance, network)
    c = evaluation.costs_usd
    out += [
        " ------------------Flow Solution ---------------------- ",
        f"Objective value: {evaluation.weekly_objective_usd!r}  Objective value without "
        f"penalty: {evaluation.weekly_profit_usd!r}",
        "*********************************************",
        f"Vessel Class cost: {c['charter']:.0f}",
        f"Bunker idle burn cost: {c['bunker_idle']:.0f}",
        f"fuel_burn: {c['bunker_sailing']:.0f}",
        f"Port Call Cost: {c['port_calls']:.0f}",
        f"Canal costs {c['canals']:.0f}",
        f"Revenue: {evaluation.weekly_revenue_usd:.0f}",
        f"Penalty: {c['rejection_penalty']:.0f}",
        f"Handling cost: {c['handling']:.0f}",
        f"Transshipment cost: {c['transshipment']:.0f}",
        f"transported % {evaluation.transported_pct:g}",
        f"deployment % {evaluation.deployed_pct:g}",
        f"Z 180 days {evaluation.z_180d_usd!r}",
    ]
    return "\n".join(out) + "\n"


def write_log(path: str | Path, network: LinerlibNetwork, evaluation: Evaluation,
              instance: Instance) -> None:
    """Write :func:`format_log` to ``path``."""
    Path(path).write_text(format_log(network, evaluation, instance), encoding="utf-8")
