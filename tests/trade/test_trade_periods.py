"""Months and ISO weeks of the trade report, and the split of an equipment line."""

from __future__ import annotations

from datetime import date

import pytest

from tradelane.domain.trade import (
    DeclaredCommodity,
    period_before,
    period_label,
    period_labels,
    previous_period,
    split_line,
)


def test_iso_weeks_across_the_new_year() -> None:
    assert period_label("week", date(2024, 12, 30)) == "2025-W01"
    assert previous_period("week", "2025-W01") == "2024-W52"
    assert previous_period("month", "2024-01") == "2023-12"
    assert period_before("month", date(2024, 3, 15)) == date(2024, 2, 1)
    assert period_before("week", date(2024, 1, 3)) == date(2023, 12, 25)
    assert period_labels("month", date(2024, 1, 31), date(2024, 3, 1)) == [
        "2024-01", "2024-02", "2024-03"]


def test_split_by_weight_else_equally() -> None:
    pv, sofa = (DeclaredCommodity("854143", "PV", 6.0, False),
                DeclaredCommodity("940360", "sofa", 2.0, False))
    by_weight = split_line(2, 2, 16.0, False, [pv, sofa])
    assert [(c.teu, c.containers, c.tonnes) for c in by_weight] == [(3.0, 1.5, 12.0),
                                                                     (1.0, 0.5, 4.0)]
    unweighed = DeclaredCommodity("940360", "sofa", None, False)
    equal = split_line(1, 2, 10.0, True, [pv, unweighed])
    assert [c.teu for c in equal] == [1.0, 1.0] and all(c.is_reefer for c in equal)
    assert split_line(3, 1, 9.0, False, [])[0].hs_code is None


def test_negative_share_is_refused() -> None:
    with pytest.raises(ValueError, match=r"commodity\.tonnes"):
        split_line(1, 1, -1.0, False, [])
