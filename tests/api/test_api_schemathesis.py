"""Schemathesis against the live server's own ``/openapi.json``: no 5xx, no schema violations.

Every operation of the served schema gets generated requests, valid ones and invalid ones,
each sent with a shipper's or the carrier's API key; every response must be documented
(status code, content type, headers) and match its schema, and none may be a 5xx.
``MAX_EXAMPLES`` per operation and mode keeps the run short (this is not a fuzzing campaign;
set ``TRADELANE_SCHEMATHESIS_EXAMPLES`` for a longer one).

Signed cursors are in play: for every paged operation a request may carry, instead of the
generated ``cursor``, a real one the server signed for that operation, one it signed for another
operation, or a real one with a character changed (each must give a page or a DCSA 400).

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

PLANS_A_VOYAGE = ("/api/stowage",)
"""Operations left out: a valid request (and a negative one that changes nothing the operation
reads, so it runs with the defaults) stows a 10,000-container voyage, seconds to a minute."""
MAX_EXAMPLES = int(os.environ.get("TRADELANE_SCHEMATHESIS_EXAMPLES", "10"))


@pytest.fixture(scope="module")
def live_schema(server: Server) -> Any:
    return schemathesis.openapi.from_url(server.url + "/openapi.json")


FIRST_PAGES = {
    "/v3/service-schedules": {"limit": 1},
    "/v1/vessel-schedules": {"limit": 1},
    "/v1/port-schedules": {"UNLocationCode": "CNTAO", "date": "2030-01-01", "limit": 1},
    "/v1/point-to-point-routes": {"placeOfReceipt": "CNTAO", "placeOfDelivery": "USSAV",
                                  "limit": 1},
    "/v2/bookings": {"limit": 1},
}
"""A first page of every paged operation, asked for to get a real, signed cursor."""


@pytest.fixture(scope="module")
def signed_cursors(server: Server) -> dict[str, str]:
    """A signed cursor the server gave for each paged path that has a second page."""
    cursors = {}
    with server.client("carrier") as c:
        for path, params in FIRST_PAGES.items():
            cursor = c.get(path, params=params).headers.get("Next-Page-Cursor")
            if cursor:
                cursors[path] = cursor
    assert "/v1/point-to-point-routes" in cursors
    return cursors


def _cursor(kind: str, path: str, cursors: dict[str, str]) -> str | None:
    """A real cursor of this path, one of another path, or a real one with a byte changed."""
    own = cursors.get(path)
    foreign = next((c for p, c in cursors.items() if p != path), None)
    if kind == "own":
        return own
    if kind == "foreign":
        return foreign
    if kind == "tampered" and own:
        return own[:-2] + ("A" if own[-2] != "A" else "B") + own[-1]
    return None


def _run(operation: Any, mode: Any, server: Server, cursors: dict[str, str]) -> None:
    paged = any(p.name == "cursor" for p in operation.query)

    @given(case=operation.as_strategy(generation_mode=mode),
           who=st.sampled_from(["acme", "carrier"]),
           kind=st.sampled_from(["generated", "own", "foreign", "tampered"]))
    @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def check(case: Any, who: str, kind: str) -> None:
        cursor = _cursor(kind, operation.path, cursors) if paged else None
        if cursor is not None:
            case.query = {**(case.query or {}), "cursor": cursor}
        case.call_and_validate(headers={"Authorization": f"Bearer {server.keys[who]}"},
                               excluded_checks=[positive_data_acceptance])

    check()


@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_every_operation_conforms(live_schema: Any, server: Server, mode: str,
                                  signed_cursors: dict[str, str]) -> None:
    failures = []
    operations = [result.ok() for result in live_schema.get_all_operations()]
    assert len(operations) >= 10
    paged = {o.path for o in operations if any(p.name == "cursor" for p in o.query)}
    assert set(FIRST_PAGES) <= paged, paged
    for operation in operations:
        if operation.path.startswith(PLANS_A_VOYAGE):
            continue  # a valid request stows a voyage (seconds): tests/web/test_stowage_view
        try:
            _run(operation, GenerationMode(mode), server, signed_cursors)
        except Unsatisfiable:
            # no parameters and no body: nothing to make invalid in negative mode
            assert mode == "negative", operation.label
        except Exception as exc:  # collect every operation's failure, then report them all
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)
