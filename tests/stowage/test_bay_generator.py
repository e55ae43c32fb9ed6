"""The generated bays look like what they claim: industrial-like or hard."""

from __future__ import annotations

from tradelane.stowage.bay_generator import hard_bay, realistic_bay


def _pods(inst) -> int:
    return len({b.pod for b in inst.to_load})


def _major_length_share(inst) -> float:
    n40 = sum(b.length_ft == 40 for b in inst.to_load)
    return max(n40, len(inst.to_load) - n40) / len(inst.to_load)


def test_realistic_bays_are_what_a_master_plan_sends() -> None:
    bays = [realistic_bay(seed) for seed in range(1, 41)]
    assert all(_pods(b) <= 4 for b in bays)
    assert sum(_pods(b) == 1 for b in bays) >= 16          # mostly one POD
    assert sum(_major_length_share(b) >= 0.8 for b in bays) >= 36
    assert sum(any(b.imo_category for b in inst.to_load) for inst in bays) <= 14
    for inst in bays:
        cells = sum(c.usable for column in inst.cells for c in column)
        need = sum(1 if b.length_ft == 40 else 0.5 for b in inst.to_load)
        assert 0.5 <= need / cells <= 1.0 and len(inst.to_load) <= 130


def test_hard_bays_mix_more_cargo() -> None:
    real = [realistic_bay(seed) for seed in range(1, 31)]
    hard = [hard_bay(seed) for seed in range(1, 31)]
    assert sum(map(_pods, hard)) > sum(map(_pods, real))
    assert sum(map(_major_length_share, hard)) < sum(map(_major_length_share, real))
    assert sum(len(b.loaded) for b in hard) > sum(len(b.loaded) for b in real)
