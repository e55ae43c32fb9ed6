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
from starlette.routing import Match, Mount

from tradelane.errors import InputError

_WHEN = {400: "The request breaks a rule; the message names the field and its value.",
         401: "The API key is missing or unknown.",
         403: "The caller's role may not do this (the carrier decides, the shipper amends).",
         404: "No such booking among the caller's.",
         409: "The booking's state does not allow this (or it did not fit: declined).",
         413: "The request body is over the limit (1 MB unless configured otherwise).",
         422: "The Idempotency-Key was used before with a different request body."}


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


def error_response(request: Request, status: int, field: str, value: object, problem: str,
                   *, headers: dict[str, str] | None = None) -> JSONResponse:
    """A DCSA error response whose message is ``field = value: problem.``"""
    message = f"{field} = {value!r}: {problem.rstrip('.')}."
    return JSONResponse(error_body(request, status, field, value, message), status_code=status,
                        headers=headers)


class ApiError(InputError):
    """A request the API refuses: HTTP ``status`` and one sentence naming field and value.

    ``keep_changes`` asks the request's transaction to commit before the error is returned
    (a booking that was declined or rejected keeps that status).
    """

    def __init__(self, status: int, field: str, value: object, problem: str, *,
                 keep_changes: bool = False) -> None:
        super().__init__(field, value, problem.rstrip("."))
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
    first: dict[str, Any] = dict(exc.errors()[0]) if exc.errors() else {
        "loc": ("body",), "msg": "is invalid"}
    raised = (first.get("ctx") or {}).get("error")
    if isinstance(raised, InputError):  # a model's own check: its sentence as is
        return api_error_handler(request, raised)
    field = json_path(first.get("loc", ()))
    if first.get("type") == "json_invalid":
        field, first = "body", {"msg": "is not valid JSON", "input": "(not JSON)"}
    if first.get("type") == "missing":
        first = {"msg": "is required"}
    value = jsonable_encoder(first.get("input")) if "input" in first else None
    shown = value if not isinstance(value, dict | list) else "(object)"
    problem = str(first.get("msg", "is invalid")).rstrip(".")
    message = f"{field} = {shown!r}: {problem}."
    return JSONResponse(error_body(request, 400, field, shown, message), status_code=400)


def json_path(loc: Any) -> str:
    """A pydantic error location as a JSON path: ``requestedEquipments[0].units``."""
    path = ""
    for part in loc:
        if part in ("body", "query", "path", "header") and not path:
            continue
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path or "body"


def http_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """Starlette's own refusals (unparsable body, unknown path, wrong method) as DCSA errors."""
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    if status == 400:
        field, value, problem = "body", "(unparsable)", "is not a JSON document (or not UTF-8)"
    elif status == 404:
        field, value, problem = "requestUri", request.url.path, "is not an endpoint of this API"
    elif status == 405:
        allowed = allowed_methods(request)
        field, value, problem = "httpMethod", request.method, (
            f"is not allowed on {request.url.path} (allowed: {allowed})")
        return error_response(request, status, field, value, problem,
                              headers={**(exc.headers or {}), "Allow": allowed})
    elif status == 413:
        field, value, problem = "body", "(too large)", f"is {exc.detail}, over the limit"
    else:
        field, value, problem = "request", request.method, str(exc.detail).rstrip(".")
    return error_response(request, status, field, value, problem,
                          headers=dict(exc.headers) if exc.headers else None)


def allowed_methods(request: Request) -> str:
    """The methods the app's routes allow on the request's path (``GET, HEAD`` for the
    dashboard's static files): each method is tried against every route but the mounts."""
    routes = [r for r in request.app.router.routes if not isinstance(r, Mount)]
    allowed = [m for m in _METHODS if any(
        r.matches({**request.scope, "method": m})[0] == Match.FULL for r in routes)]
    return ", ".join(allowed or ("GET", "HEAD"))


_METHODS = ("DELETE", "GET", "PATCH", "POST", "PUT")


def server_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """Any unexpected failure: a DCSA 500 that shows nothing of the server's internals."""
    return error_response(request, 500, "request", request.method,
                          "could not be completed because of an error on the server; "
                          "the error has been logged")
