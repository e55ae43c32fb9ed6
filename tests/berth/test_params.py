"""BerthParams and SolverParams: every bad field is reported by name, never a traceback."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from tradelane.berth import BerthParams, BerthSolver
from tradelane.errors import InputError
from tradelane.result import SolverParams


@pytest.mark.parametrize(("field", "value"), [
    ("time_limit_s", 0), ("time_limit_s", -1.0), ("time_limit_s", math.inf),
    ("time_limit_s", math.nan), ("time_limit_s", "30"), ("time_limit_s", True),
    ("seed", -1), ("seed", 2**31), ("seed", 1.5), ("seed", "1"),
    ("threads", 0), ("threads", 2.0), ("threads", False),
    ("solver", "magic"), ("solver", "Exact"),
    ("ils_iterations", -1), ("ils_iterations", 2.5),
    ("ils_share", 0.0), ("ils_share", 1.5), ("ils_share", math.nan), ("ils_share", "0.1"),
])
def test_bad_field_is_named(field, value):
    kwargs = {"time_limit_s": 10.0, field: value}
    with pytest.raises(InputError) as info:
        BerthParams(**kwargs)
    assert info.value.field == field and info.value.value is value
    assert str(info.value).startswith(f"{field} = ") and "\n" not in str(info.value)


def test_defaults_and_coercion():
    p = BerthParams(time_limit_s=5, seed=np.int64(7), solver="cpsat-baseline")
    assert p.solver is BerthSolver.CPSAT_BASELINE
    assert (p.threads, p.ils_iterations, p.ils_share) == (1, None, 0.1)
    assert type(p.seed) is int and p.seed == 7 and type(p.time_limit_s) is float
    assert BerthParams(time_limit_s=5).solver is BerthSolver.EXACT
    assert BerthParams(time_limit_s=5, ils_iterations=0, ils_share=1.0).ils_iterations == 0


def test_params_are_frozen_keyword_only_and_replace_validates():
    p = BerthParams(time_limit_s=5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.seed = 2  # type: ignore[misc]
    with pytest.raises(TypeError):
        BerthParams(5)  # type: ignore[misc]
    with pytest.raises(TypeError):
        BerthParams()  # type: ignore[call-arg]  # the time limit has no default
    assert dataclasses.replace(p, threads=2).threads == 2
    with pytest.raises(InputError, match="threads"):
        dataclasses.replace(p, threads=0)
    assert isinstance(p, SolverParams) and not hasattr(p, "__dict__")


def test_solver_params_alone():
    assert SolverParams(time_limit_s=1).seed == 1
    with pytest.raises(InputError, match="time_limit_s"):
        SolverParams(time_limit_s=0)
