"""Schemathesis against the live server's own ``/openapi.json``: no 5xx, no schema violations.

Every operation of the served schema gets generated requests, valid ones and invalid ones,
each sent with a shipper's or the carrier's API key; every response must be documented
(status code, content type, headers) and match its schema, and none may be a 5xx.
``MAX_EXAMPLES`` per operation and mode keeps the run short (this is not a fuzzing campaign;
set ``TRADELANE_SCHEMATHESIS_EXAMPLES`` for a longer one).

Excluded check: ``positive_data_acceptance``. A schema-valid booking can still break a rule
the schema cannot state (the voyage must be published, the POL must be one of its calls, the
cut-off not passed, the DG line must match the UN number); such requests get a documented 400
naming the field, which that check would count as a failure.

(Schemathesis' ``pytest.from_fixture`` needs a private attribute pytest 9 no longer has, so
the operations are driven with their Hypothesis strategies here.)
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from apikit import Server
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable

schemathesis = pytest.importorskip("schemathesis")
GenerationMode = pytest.importorskip("schemathesis.generation").GenerationMode
positive_data_acceptance = pytest.importorskip(
    "schemathesis.specs.openapi.checks").positive_data_acceptance

MAX_EXAMPLES = int(os.environ.get("TRADELANE_SCHEMATHESIS_EXAMPLES", "10"))


@pytest.fixture(scope="module")
def live_schema(server: Server) -> Any:
    return schemathesis.openapi.from_url(server.url + "/openapi.json")


def _run(operation: Any, mode: Any, server: Server) -> None:
    @given(case=operation.as_strategy(generation_mode=mode),
           who=st.sampled_from(["acme", "carrier"]))
    @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def check(case: Any, who: str) -> None:
        case.call_and_validate(headers={"Authorization": f"Bearer {server.keys[who]}"},
                               excluded_checks=[positive_data_acceptance])

    check()


@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_every_operation_conforms(live_schema: Any, server: Server, mode: str) -> None:
    failures = []
    operations = [result.ok() for result in live_schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:
        try:
            _run(operation, GenerationMode(mode), server)
        except Unsatisfiable:
            # no parameters and no body: nothing to make invalid in negative mode
            assert mode == "negative", operation.label
        except Exception as exc:  # collect every operation's failure, then report them all
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)
