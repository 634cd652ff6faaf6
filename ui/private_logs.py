"""Keep what visitors send out of the server's log.

Streamlit logs a full traceback when a widget value of the wrong type arrives (a hand-made websocket message can
send one), and again on every rerun of that session; an exception's message or a log call's arguments can carry
the value itself. The people who run the site need to know that something went wrong and where in the code, not
what a visitor sent. So every record from Streamlit's and its web server's loggers that has arguments, an
exception or a level of WARNING or more is rewritten to one line naming the logger, the level, the code location,
and the exception's type and innermost frame: all of them code, never data. Records of one session after its
first such line are dropped, so a session sends at most one line to the log however often it repeats itself.

Every logger of the process goes through the filter, not only Streamlit's: asyncio's too (out of file descriptors,
a replica once logged 2,027 multi-line asyncio tracebacks in seconds), and the root logger and its last-resort
handler. Only the app's own ``explainer.*`` loggers are left as they are: their messages are ours and name a
content file, never a visitor's value. And the whole process writes at most ``MAX_LINES_PER_MINUTE`` rewritten
lines a minute: past that, lines are dropped and the next line after the minute says how many.

:func:`install` runs when the ``ui`` package is imported (ui/__init__.py), which every script run does before it
reads a widget value: a session's widget values are deserialized only after a run of that session has made the
widgets, so the filter is in place before the first value that could be malformed.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections import OrderedDict
from pathlib import Path

from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

# Every logger but the app's own. Each of Streamlit's loggers has its own handler and does not propagate
# (streamlit/logger.py), so the filter goes on each logger; on the root logger's handlers and on logging's last
# resort too, for records of loggers made before install().
UNGUARDED = ("explainer",)
MAX_LINES_PER_MINUTE = 60
WITHHELD = "(details withheld: they may hold what a visitor sent)"
PROJECT = Path(__file__).resolve().parents[1]
_MAX_SESSIONS_REMEMBERED = 10_000  # bounded, so a crowd of sessions cannot grow the memory
_QUIET_SECONDS = 60.0  # outside a session: one line per code location and minute


def _guarded(name: str) -> bool:
    return name.split(".", 1)[0] not in UNGUARDED


def _short(path: str) -> str:
    """A code path without the machine's folders: from the project or the installed package on."""
    resolved = Path(path)
    if resolved.is_relative_to(PROJECT):
        return resolved.relative_to(PROJECT).as_posix()
    parts = resolved.parts
    if "site-packages" in parts:
        return "/".join(parts[parts.index("site-packages") + 1 :])
    return "/".join(parts[-2:])


def withheld_message(record: logging.LogRecord) -> str:
    """The one line a record becomes: where it was logged and what kind of error, never a value.

    >>> record = logging.LogRecord("streamlit.x", logging.ERROR, "/a/site-packages/streamlit/x.py", 7,
    ...                            "bad value %s", ("zz-visitor-zz",), None)
    >>> withheld_message(record)
    'ERROR at streamlit/x.py:7 (details withheld: they may hold what a visitor sent)'
    """
    where = f"{record.levelname} at {_short(record.pathname)}:{record.lineno}"
    if record.exc_info and record.exc_info[1] is not None:
        error = record.exc_info[1]
        frames = traceback.extract_tb(error.__traceback__)
        if frames:
            last = frames[-1]
            where += f": {type(error).__name__} raised at {_short(last.filename)}:{last.lineno} in {last.name}"
        else:
            where += f": {type(error).__name__}"
    return f"{where} {WITHHELD}"


class VisitorValueFilter(logging.Filter):
    """Rewrites records that could carry a visitor's value; drops a session's repeats (see the module)."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._seen: OrderedDict[str, float] = OrderedDict()  # session id or code location -> last time logged
        self._minute_began = -_QUIET_SECONDS  # the process-wide rate limit's window
        self._lines = 0  # rewritten lines let through in this window
        self._dropped = 0  # lines dropped by the rate limit since the last one let through

    def filter(self, record: logging.LogRecord) -> bool:
        if not (record.args or record.exc_info or record.levelno >= logging.WARNING):
            return True  # a fixed message of the server's life (started, stopping), with nothing from outside
        if getattr(record, "_explainer_withheld", False):
            return True  # already rewritten by another guarded logger's filter
        ctx = get_script_run_ctx(suppress_warning=True)
        key = f"session {ctx.session_id}" if ctx is not None else f"{record.pathname}:{record.lineno}"
        now = time.monotonic()
        with self._lock:
            last = self._seen.get(key)
            if last is not None and (ctx is not None or now - last < _QUIET_SECONDS):
                return False
            self._seen[key] = now
            self._seen.move_to_end(key)
            while len(self._seen) > _MAX_SESSIONS_REMEMBERED:
                self._seen.popitem(last=False)
            if now - self._minute_began >= _QUIET_SECONDS:
                self._minute_began, self._lines = now, 0
            if self._lines >= MAX_LINES_PER_MINUTE:
                self._dropped += 1
                return False
            self._lines += 1
            dropped, self._dropped = self._dropped, 0
        record.msg = withheld_message(record)
        if dropped:
            record.msg += f" [{dropped} earlier lines dropped: more than {MAX_LINES_PER_MINUTE} a minute]"
        record.args = ()
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        record._explainer_withheld = True
        return True


_FILTER = VisitorValueFilter()


class _GuardedLogger(logging.getLoggerClass()):  # type: ignore[misc]
    """A logger that gets the filter at birth when its name is guarded (for modules imported later)."""

    def __init__(self, name: str, level: int = logging.NOTSET) -> None:
        super().__init__(name, level)
        if _guarded(name):
            self.addFilter(_FILTER)


def install() -> None:
    """Put the filter on every logger but the app's own, those that exist now and those made later, and on the
    root logger's handlers and logging's last resort (idempotent)."""
    if not issubclass(logging.getLoggerClass(), _GuardedLogger):
        logging.setLoggerClass(_GuardedLogger)
    names = [name for name in logging.Logger.manager.loggerDict if _guarded(name)]
    root = logging.getLogger()
    for target in [root, *(logging.getLogger(name) for name in names), *root.handlers, logging.lastResort]:
        if target is not None and _FILTER not in target.filters:
            target.addFilter(_FILTER)
