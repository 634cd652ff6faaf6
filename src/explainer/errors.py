"""The one error a broken data file raises, shared by the loader (content.py) and the rule language (rules.py)."""

from __future__ import annotations

__all__ = ["DataError"]


class DataError(ValueError):
    """A data file is missing, unreadable or breaks a rule.

    >>> str(DataError("signs.toml", "signs[2] (id=weakness_fatigue)", "threshold", "must be a number"))
    'signs.toml, signs[2] (id=weakness_fatigue), field "threshold": must be a number'
    """

    def __init__(self, file: str, row: str, field: str, problem: str) -> None:
        self.file = file
        self.row = row
        self.field = field
        self.problem = problem
        where = ", ".join(part for part in (file, row) if part)
        field_part = f', field "{field}"' if field else ""
        super().__init__(f"{where}{field_part}: {problem}")
