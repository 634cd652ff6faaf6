"""Scenario links: read the inputs from a URL's query parameters and write them back.

The input ids are the parameter names (``?pain=9&duration_min=20``). Reading a link never fails: a value that
cannot be used is ignored and explained in a plain note. Notes never repeat what the link said (it could be
markup or a very long string); they name only known inputs, and count the unknown ones.

The rules mirror what Streamlit's ``bind="query-params"`` does with the same link (a value out of range, not a
number, or given twice falls back to the default), so the note tells the visitor what the app really used.
A test compares the two.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from explainer import teaching
from explainer.assessment import InputValue, lab_range
from explainer.content import Content, InputSpec
from explainer.teaching import TeachingLine
from explainer.words import plural

__all__ = ["VIEW_PARAMS", "LinkReading", "lines_query", "read_lines", "read_link", "scenario_query", "scenario_url"]

# Parameters that choose a view rather than an input; Streamlit's own ("embed") are left alone too.
VIEW_PARAMS: tuple[str, ...] = ("scenario", "step", "predict", "answer", "present", "embed", "embed_options")


@dataclass(frozen=True)
class LinkReading:
    """What a link sets (only the inputs it sets correctly) and the notes about what was ignored."""

    values: Mapping[str, InputValue]
    notes: tuple[str, ...]


def _allowed(spec: InputSpec, low: float, high: float) -> str:
    if spec.kind == "flag":
        return "true or false"
    if spec.kind == "choice":
        return "one of: " + ", ".join(spec.options)
    whole = "a whole number" if spec.kind == "integer" else "a number"
    return f"{whole} from {low:g} to {high:g}"


def _read_one(
    spec: InputSpec, raw: Sequence[str], bounds: tuple[float, float] | None = None
) -> tuple[InputValue, str | None]:
    """The value one parameter sets, or None with the reason it was ignored. ``bounds`` overrides the input's
    range (a lab value typed in another unit)."""
    name = spec.label
    low, high = bounds or (spec.min, spec.max)
    if len(raw) != 1:
        return None, f'"{name}" was given more than once, so it was ignored.'
    text = raw[0].strip()
    if spec.kind == "flag":
        if text.lower() in ("true", "false"):
            return text.lower() == "true", None
        return None, f'"{name}" must be true or false, so it was ignored.'
    if spec.kind == "choice":
        if raw[0] in spec.options:  # Streamlit matches the option exactly, so this does too
            return raw[0], None
        return None, f'"{name}" must be {_allowed(spec, low, high)}, so it was ignored.'
    try:
        number = float(text)
    except ValueError:
        return None, f'"{name}" must be {_allowed(spec, low, high)}, so it was ignored.'
    if not math.isfinite(number) or not low <= number <= high:
        return None, f'"{name}" must be {_allowed(spec, low, high)}, so it was ignored.'
    if spec.kind == "integer":
        whole = int(number)
        if whole != number:
            return whole, f'"{name}" must be a whole number, so {number:g} was read as {whole}.'
        return whole, None
    return number, None


def read_link(params: Mapping[str, Sequence[str]], content: Content) -> LinkReading:
    """Read the inputs a link sets, and say in plain words what was ignored.

    Args:
        params: each parameter name with all its values, as in ``st.query_params.get_all``.

    >>> read_link({"pain": ["9"], "duration_min": ["abc"]}, content).values
    {'pain': 9}
    >>> read_link({"pain": ["9"], "duration_min": ["abc"]}, content).notes[0]
    '"How long a typical spasm lasts" must be a number from 0 to 60, so it was ignored.'

    An older link that names a retired input sets the input it became, with a note (``data/inputs.toml``):

    >>> read_link({"vomiting_diarrhoea": ["true"]}, content).values
    {'fluid_loss': True}
    """
    specs = {spec.id: spec for spec in content.inputs}
    values: dict[str, InputValue] = {}
    notes: list[str] = []
    unknown = 0
    for retired in content.retired:  # an older link: the input it became, and a note that says what changed
        raw = params.get(retired.id)
        if raw is None or retired.becomes in params:
            continue
        value, note = _read_one(specs[retired.becomes], list(raw))
        if value is True:
            values[retired.becomes] = True
            notes.append(retired.note)
        elif note:
            notes.append(note.replace(specs[retired.becomes].label, retired.id))
    # Choices first: the unit a lab value is given in decides the range it must lie in.
    for name, raw in sorted(params.items(), key=lambda item: getattr(specs.get(item[0]), "kind", "") != "choice"):
        spec = specs.get(name)
        if spec is None:
            unknown += (name not in VIEW_PARAMS and name not in {retired.id for retired in content.retired}
                        and not name.startswith(teaching.LINK_PREFIX))  # a moved line: read_lines
            continue
        bounds = None
        if spec.kind == "lab" and spec.unit_input:
            unit = values.get(spec.unit_input, content.input(spec.unit_input).default)
            bounds = lab_range(spec, content.labs[spec.lab], str(unit))
        value, note = _read_one(spec, list(raw), bounds)
        if value is not None:
            values[name] = value
        if note:
            notes.append(note)
    if unknown:
        notes.append(f"The link has {plural(unknown, 'setting')} this app does not know, so they were ignored.")
    return LinkReading(values=values, notes=tuple(notes))


def read_lines(params: Mapping[str, Sequence[str]], content: Content) -> tuple[tuple[TeachingLine, ...], list[str]]:
    """The teaching lines a link moves (``line_pain=5``), and a plain note for each it cannot move. A link without
    them (every older link) keeps every line where data/signs.toml puts it. On a page with the presenter's controls
    (/warning-signs, /present) the line's slider reads the same parameter (``bind="query-params"``); these notes say
    what it did with a value it could not use, as :func:`read_link` does for the inputs. A line on a whole-number
    measure is read as a whole number, as the slider does.

    >>> lines, notes = read_lines({"line_pain": ["5"], "line_duration_min": ["5"], "line_fatigue": ["99"]}, content)
    >>> lines
    (TeachingLine(input='pain', value=5.0),)
    >>> for note in notes: print(note)
    The line for spasm length comes from a source, so it cannot be moved. The link's line for it was ignored.
    The line for tiring must be from 0 to 10. The link's line for it was ignored.
    >>> lines, notes = read_lines({"line_weakness": ["4.5"]}, content)
    >>> lines
    (TeachingLine(input='weakness', value=4.0),)
    >>> notes[0]
    'The line for weakness must be a whole number, so 4.5 was read as 4.'
    """
    lines: list[TeachingLine] = []
    notes: list[str] = []
    for name, raw in params.items():
        if not name.startswith(teaching.LINK_PREFIX):
            continue
        input_id = name.removeprefix(teaching.LINK_PREFIX)
        try:
            if len(raw) != 1:
                raise teaching.LineNotMovableError(f"The line for {input_id} was given more than once.")
            try:
                value = float(raw[0])
            except ValueError:
                raise teaching.LineNotMovableError(f"The line for {input_id} must be a number.") from None
            line = teaching.check(content, TeachingLine(input_id, value))
            if content.input(input_id).kind == "integer" and not value.is_integer():
                line = TeachingLine(input_id, float(int(value)))  # the slider keeps the whole part, so this does
                (measure,) = teaching.moved_names(content, (line,))
                notes.append(f"The line for {measure} must be a whole number, so {value:g} was read as {int(value)}.")
            lines.append(line)
        except teaching.LineNotMovableError as problem:
            notes.append(f"{problem} The link's line for it was ignored.")
    return tuple(sorted(lines)), notes


def lines_query(lines: Sequence[TeachingLine]) -> dict[str, str]:
    """The query parameters that carry moved teaching lines.

    >>> lines_query([TeachingLine("pain", 5.0)])
    {'line_pain': '5'}
    """
    return {f"{teaching.LINK_PREFIX}{line.input}": f"{line.value:g}" for line in lines}


def _format(value: InputValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    assert value is not None
    return f"{value:g}"


def scenario_query(values: Mapping[str, InputValue], content: Content) -> dict[str, str]:
    """The query parameters that reopen a scenario: every input that differs from its default.

    >>> scenario_query({"pain": 9, "duration_min": 0, "twitching": True}, content)
    {'pain': '9', 'twitching': 'true'}
    """
    query = {}
    for spec in content.inputs:
        value = values.get(spec.id, spec.default)
        if value is not None and value != spec.default:
            query[spec.id] = _format(value)
    return query


def scenario_url(
    base_url: str,
    page: str,
    values: Mapping[str, InputValue],
    content: Content,
    extra: Mapping[str, str] | None = None,
) -> str:
    """A full link to ``page`` that reopens the scenario.

    >>> scenario_url("http://localhost:8501", "warning-signs", {"pain": 9}, content)
    'http://localhost:8501/warning-signs?pain=9'
    """
    query = {**scenario_query(values, content), **(extra or {})}
    url = f"{base_url.rstrip('/')}/{page.lstrip('/')}"
    return f"{url}?{urlencode(query)}" if query else url
