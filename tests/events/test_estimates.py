"""Re-estimating after a known delay, against a hand calculation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from tradelane.app.voyages import Known, LanePlan, re_estimate

T0 = datetime(2030, 1, 7, tzinfo=UTC)


def _h(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def _calls() -> list[SimpleNamespace]:
    # A: 0-24 h, B: 60-84 h, C: 200-224 h (sequences 1-3 of a three-port rotation)
    return [SimpleNamespace(id=i + 1, sequence=i + 1, locode=loc, export_voyage_number="001E",
                            eta=_h(a), etd=_h(a + 24))
            for i, (loc, a) in enumerate((("AAAAA", 0), ("BBBBB", 60), ("CCCCC", 200)))]


# A→B 900 nm, B→C 2,400 nm, C→A 3,000 nm (2 h canal); class maximum 24 kn
PLAN = LanePlan((900.0, 2400.0, 3000.0), (0.0, 0.0, 2.0), 24.0)


def test_delay_recovered_with_speed_as_by_hand() -> None:
    calls = _calls()
    known = Known({(1, "ARRI"): _h(30)}, {})  # 30 h late at A
    a, b, c = re_estimate(calls, known, PLAN)  # type: ignore[arg-type]
    # A keeps its 24 h stay: departs 54 h. B: 54 + 900/24 = 91.5 h (planned 60), departs
    # 115.5 h; C: 115.5 + 2400/24 = 215.5 h (planned 200), 15.5 h late, departs 239.5 h.
    assert (a.eta, a.etd) == (_h(30), _h(54))
    assert (b.eta, b.etd) == (_h(91.5), _h(115.5))
    assert (c.eta, c.etd) == (_h(215.5), _h(239.5))
    assert c.delay_h == 15.5


def test_small_delay_absorbed_and_schedule_kept() -> None:
    known = Known({(1, "DEPA"): _h(30)}, {})  # departs A 6 h late
    a, b, c = re_estimate(_calls(), known, PLAN)  # type: ignore[arg-type]
    # 30 + 37.5 = 67.5 h at B (7.5 h late), departs 91.5; 91.5 + 100 = 191.5 < 200: on time
    assert (a.eta, a.etd) == (_h(0), _h(30))
    assert (b.eta, b.etd) == (_h(67.5), _h(91.5))
    assert (c.eta, c.etd) == (_h(200), _h(224))


def test_early_arrival_waits_for_the_schedule_and_actuals_are_kept() -> None:
    known = Known({(1, "ARRI"): _h(-5), (2, "ARRI"): _h(70)}, {})
    a, b, c = re_estimate(_calls(), known, PLAN)  # type: ignore[arg-type]
    assert a.etd == _h(24)  # not before the scheduled departure
    assert (b.eta, b.etd) == (_h(70), _h(94))  # the recorded arrival wins
    assert c.eta == _h(200)
