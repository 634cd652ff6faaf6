"""Every logger through the private log filter (ui/private_logs.py), and a limit on how much it lets through."""

from __future__ import annotations

import asyncio
import io
import logging

from ui import private_logs


def _record(line: int, name: str = "asyncio") -> logging.LogRecord:
    try:
        raise OSError(24, "Too many open files: zz-visitor-zz")
    except OSError as err:
        exc_info = (OSError, err, err.__traceback__)
    return logging.LogRecord(name, logging.ERROR, "/usr/lib/python3.11/asyncio/base_events.py", line,
                             "socket.accept() out of system resource %s", ("zz-visitor-zz",), exc_info)  # fmt: skip


def test_a_flood_of_log_lines_is_cut_to_the_limit_and_the_next_line_says_how_many_were_dropped() -> None:
    quiet = private_logs.VisitorValueFilter()
    let_through = [quiet.filter(_record(line)) for line in range(private_logs.MAX_LINES_PER_MINUTE + 500)]
    assert sum(let_through) == private_logs.MAX_LINES_PER_MINUTE
    quiet._minute_began -= 61  # a minute later
    later = _record(10_000)
    assert quiet.filter(later)
    assert "500 earlier lines dropped" in later.getMessage()
    assert "zz-visitor-zz" not in later.getMessage() and later.exc_info is None


def test_one_code_location_logs_once_a_minute_whatever_the_logger() -> None:
    quiet = private_logs.VisitorValueFilter()
    assert [quiet.filter(_record(7)) for _ in range(2027)].count(True) == 1


def test_asyncios_own_errors_reach_the_log_as_one_line_without_values() -> None:
    private_logs.install()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("asyncio")
    logger.addHandler(handler)
    try:
        loop = asyncio.new_event_loop()
        try:
            loop.call_exception_handler({"message": "zz-visitor-zz failed", "exception": OSError(24, "zz-visitor-zz")})
        finally:
            loop.close()
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    assert "zz-visitor-zz" not in text
    assert text.count("\n") <= 1 and private_logs.WITHHELD in text
