"""After every probe (this module runs last): the server logged no failure and no key."""

from __future__ import annotations

from seckit import Desk


def test_access_log_has_lines_and_no_keys(desk: Desk) -> None:
    with desk.client("acme") as acme:
        assert acme.get("/v2/bookings").status_code == 200
    desk.proc.terminate()  # flush and close the logs
    desk.proc.wait(timeout=30)
    log = desk.access_log.read_text(encoding="utf-8", errors="replace")
    assert '"GET /v2/bookings HTTP/1.1" 200' in log
    assert "tradelane serving on http://127.0.0.1:" in log
    for key in desk.keys.values():
        assert key not in log and key[3:20] not in log


def test_no_server_error_was_logged(desk: Desk) -> None:
    errors = desk.error_log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in errors and "Exception" not in errors, errors[-3000:]
    assert '" 5' not in desk.access_log.read_text(encoding="utf-8", errors="replace")
