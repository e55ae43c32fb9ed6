"""The trade report's tables: HS groups ("new three"), market groups, exchange rates.

Each table is a CSV in this package with its source in its header comments:
``trade_hs.csv``, ``trade_markets.csv``, ``exchange_rates.csv``.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType

from tradelane.domain.trade import HsGroup, Market

OTHER_MARKET = Market("other", "other")
"""The market of a country in no group."""


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("tradelane.data").joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


@functools.cache
def hs_groups() -> tuple[HsGroup, ...]:
    """The HS groups, longest prefix first (``data/trade_hs.csv``)."""
    groups = [HsGroup(r["hs_prefix"], r["commodity"], r["new_three"] == "true")
              for r in _rows("trade_hs.csv")]
    return tuple(sorted(groups, key=lambda g: -len(g.hs_prefix)))


def hs_group(hs_code: str | None) -> HsGroup | None:
    """The group of the longest prefix of ``hs_code``, or ``None``."""
    if not hs_code:
        return None
    return next((g for g in hs_groups() if hs_code.startswith(g.hs_prefix)), None)


def new_three_commodities() -> tuple[str, ...]:
    """The names of the "new three" groups, in the table's order."""
    return tuple(dict.fromkeys(g.commodity for g in hs_groups() if g.new_three))


@functools.cache
def markets() -> Mapping[str, Market]:
    """ISO 3166-1 alpha-2 country code → market (``data/trade_markets.csv``)."""
    return MappingProxyType({country: Market(r["market"], r["tier"])
                             for r in _rows("trade_markets.csv")
                             for country in r["countries"].split()})


def market_of(country: str) -> Market:
    """The market of a country (``OTHER_MARKET`` when it is in no group)."""
    return markets().get(country.upper(), OTHER_MARKET)


@functools.cache
def exchange_rates() -> Mapping[str, float]:
    """Currency → CNY per unit (``data/exchange_rates.csv``)."""
    return MappingProxyType({r["currency"]: float(r["cny_per_unit"])
                             for r in _rows("exchange_rates.csv")})
