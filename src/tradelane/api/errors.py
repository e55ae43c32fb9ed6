"""API errors in the DCSA ``ErrorResponse`` shape, each with one sentence naming the field."""

from __future__ import annotations

from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from tradelane.errors import InputError

_WHEN = {400: "The request breaks a rule; the message names the field and its value.",
         401: "The API key is missing or unknown.",
         403: "Only the carrier may do this.",
         404: "No such booking among the caller's.",
         409: "The booking's state does not allow this (or it did not fit: declined)."}


class DetailedError(BaseModel):
    """One problem of a DCSA ``ErrorResponse``."""

    errorCodeText: str
    errorCodeMessage: str
    property: str | None = None
    value: str | None = None


class ErrorResponse(BaseModel):
    """The DCSA ``ErrorResponse`` every 4xx of this API returns."""

    httpMethod: str
    requestUri: str
    statusCode: int
    statusCodeText: str
    statusCodeMessage: str
    errorDateTime: str
    errors: list[DetailedError]


def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for the error status codes an operation can return."""
    return {code: {"model": ErrorResponse, "description": _WHEN[code]} for code in codes}


class ApiError(InputError):
    """A request the API refuses: HTTP ``status`` and one sentence naming field and value.

    ``keep_changes`` asks the request's transaction to commit before the error is returned
    (a booking that was declined or rejected keeps that status).
    """

    def __init__(self, status: int, field: str, value: object, problem: str, *,
                 keep_changes: bool = False) -> None:
        super().__init__(field, value, problem)
        self.status = status
        self.keep_changes = keep_changes


def error_body(request: Request, status: int, field: str | None, value: object,
               message: str) -> dict[str, Any]:
    """The DCSA ``ErrorResponse`` document."""
    detail: dict[str, Any] = {"errorCodeText": HTTPStatus(status).phrase[:100],
                              "errorCodeMessage": message[:5000]}
    if field:
        detail["property"] = field[:100]
    if value is not None:
        detail["value"] = str(value)[:500]
    method = request.method if request.method != "OPTIONS" else "OPTION"
    return {
        "httpMethod": method,
        "requestUri": str(request.url.path),
        "statusCode": status,
        "statusCodeText": HTTPStatus(status).phrase[:50],
        "statusCodeMessage": message[:200],
        "errorDateTime": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        "errors": [detail],
    }


def api_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """Map ApiError (and plain InputError, as 400) to a DCSA error response."""
    assert isinstance(exc, InputError)  # registered for InputError only
    status = exc.status if isinstance(exc, ApiError) else 400
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(error_body(request, status, exc.field, exc.value, str(exc)),
                        status_code=status, headers=headers)


def validation_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """A malformed request: 400 naming the first bad field and its value."""
    assert isinstance(exc, RequestValidationError)
    first = exc.errors()[0] if exc.errors() else {"loc": ("body",), "msg": "is invalid"}
    loc = [str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path")]
    field = ".".join(loc) or "body"
    if first.get("type") == "json_invalid":
        field, first = "body", {"msg": "is not valid JSON", "input": "(not JSON)"}
    value = jsonable_encoder(first.get("input")) if "input" in first else None
    shown = value if not isinstance(value, dict | list) else "(object)"
    problem = str(first.get("msg", "is invalid")).rstrip(".")
    message = f"{field} = {shown!r}: {problem}."
    return JSONResponse(error_body(request, 400, field, shown, message), status_code=400)


def http_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """Starlette's own refusals (unparsable body, unknown path, wrong method) as DCSA errors."""
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    if status == 400:
        field, value, problem = "body", "(unparsable)", "is not a JSON document (or not UTF-8)"
    elif status == 404:
        field, value, problem = "requestUri", request.url.path, "is not an endpoint of this API"
    elif status == 405:
        field, value, problem = "httpMethod", request.method, (
            f"is not allowed on {request.url.path}")
    else:
        field, value, problem = "request", request.method, str(exc.detail).rstrip(".")
    message = f"{field} = {value!r}: {problem}."
    return JSONResponse(error_body(request, status, field, value, message), status_code=status,
                        headers=exc.headers)
