"""The scenario the visitor builds: loading the content, the shared inputs, and what a link set.

All inputs are made here, by the router (ui/router.py), on every page. Streamlit keeps a ``bind="query-params"``
value in the URL across page switches only for widgets made by the entry script, so this is what lets a link carry
the whole scenario and lets the inputs survive moving between pages.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from time import monotonic as clock
from typing import TypeVar

import streamlit as st

import explainer
import explainer.pace
from explainer import glossary
from explainer.assessment import lab_range
from explainer.content import InputSpec, cached_words, default_data_dir
from explainer.links import read_link
from ui import admission, live

_LOG = logging.getLogger("explainer.app")
T = TypeVar("T")


def loaded_or_stop(load: Callable[[], T], what: str) -> T:
    """``load()``, or, if a data file is broken, one plain error and a stop. The visitor reads a plain sentence;
    the people who run the site get the file, row and field, on the page and in the server log."""
    try:
        return load()
    except explainer.DataError as err:
        _LOG.error("%s failed to load: %s", what, err)
        st.error(
            f"{what} cannot be shown because one of its content files is broken. "
            "Please tell the people who run this site.\n\n"
            f"Details for them: {err}",
            icon=":material/error:",
        )
        st.stop()
        raise  # unreachable: st.stop() raises


def content_or_stop() -> explainer.Content:
    """The validated content, or one plain error and a stop.

    Read once per process (``functools.cache`` in :mod:`explainer.content`), outside Streamlit's caches: a
    visitor's ``clear_cache`` message clears ``st.cache_*`` for every session, and must change nothing here. New
    content comes with a restart (see README "Host it"), never by editing the files under a running server.
    """
    return loaded_or_stop(lambda: explainer.cached_content(str(default_data_dir())), "The explainer")


PAGE_WORDS = "pages.toml"


def words(table: str) -> dict[str, str]:
    """The words of one page or shared part, from ``data/pages.toml``; a broken file stops with a plain error."""
    return loaded_or_stop(lambda: cached_words(PAGE_WORDS, str(default_data_dir())), "The explainer")[table]


def glossary_terms() -> tuple[glossary.Term, ...]:
    """The glossary of the data folder in use; a broken file stops with a plain error."""
    return loaded_or_stop(lambda: glossary.cached_glossary(str(default_data_dir())), "The word list")


def raw_link_params() -> dict[str, list[str]]:
    """Every query parameter with all its values, read before the bound widgets clean the URL."""
    return {name: st.query_params.get_all(name) for name in st.query_params}


def _live(spec: InputSpec) -> dict[str, object]:
    """A change of the input reruns only the live parts it moves, where the page has them (ui/live.py)."""
    return {"on_change": _moved, "args": (spec.id,)}


def pace() -> None:
    """Hold this visit's run back if it reruns faster than a person can (explainer.pace): one flooding client
    then waits in its own thread, using no CPU, and the other visitors' runs go on.

    Called first by the router's run and by an input's callback (which starts a run that may rerun only some
    live parts, without the router); a run pays once. Each run is also a turn of the process's admission gate
    (ui/admission.py): a visit whose requests keep rerunning it lets waiting visits go between its runs.
    """
    admission.between_runs()
    if st.session_state.pop(_PACED, False):
        return  # this run's input callback has paid already
    bucket, wait = explainer.pace.take(st.session_state.get(_PACE), clock())
    st.session_state[_PACE] = bucket
    if wait > 0:
        admission.step_aside(wait)  # outside the gate; changes meanwhile are folded into the next run by Streamlit


_PACE = "_pace"  # session key: this visit's token bucket (two numbers, no input)
_PACED = "_paced"  # session key: set by an input's callback, read by the router in the same run


def _moved(input_id: str) -> None:
    """A widget callback: rerun the live parts that ``input_id`` moves (or, by returning, the whole page)."""
    pace()
    if live.rerun_parts(input_id, at_emergency(content_or_stop())):  # raises to rerun only the parts the move changes
        st.session_state[_PACED] = True  # the whole page runs: its router does not pay again
        live.rerun_page(input_id)


def _number_input(spec: InputSpec) -> None:
    """One control per number: a slider. The keyboard sets it exactly (arrows, Page Up/Down, Home, End), and a
    click on its track moves it without dragging (WCAG 2.5.7)."""
    as_int = spec.kind == "integer"
    cast = int if as_int else float
    st.slider(
        f"{spec.label} ({spec.unit})",
        min_value=cast(spec.min),
        max_value=cast(spec.max),
        step=cast(spec.step),
        help=spec.help,
        format=None if as_int else "%.1f",
        key=spec.id,
        bind="query-params",
        **_live(spec),
    )


def _lab_input(spec: InputSpec, content: explainer.Content) -> None:
    lab = content.labs[spec.lab]
    unit = lab.unit
    if spec.unit_input:
        unit = _unit_choice(content.input(spec.unit_input), spec)
    low, high = lab_range(spec, lab, unit)
    factor = lab.factor(unit)
    st.number_input(
        f"{spec.label} ({unit})",
        min_value=low,
        max_value=high,
        step=spec.step if unit == lab.unit else 0.01,
        value=None,
        format="%.1f" if unit == lab.unit else "%.2f",
        placeholder="unknown",
        help=words("sidebar")["lab_help"].format(
            help=spec.help, low=f"{lab.low / factor:.3g}", high=f"{lab.high / factor:.3g}", unit=unit
        ),
        key=spec.id,
        bind="query-params",
        **_live(spec),
    )


def _unit_choice(chooser: InputSpec, lab_spec: InputSpec) -> str:
    """The unit a lab value is typed in. Changing it converts the value already typed, so nothing is lost."""
    st.radio(
        chooser.label,
        chooser.options,
        help=chooser.help,
        key=chooser.id,
        bind="query-params",
        horizontal=True,
        on_change=_convert_lab_value,
        args=(lab_spec.id, chooser.id),
    )
    unit = str(st.session_state[chooser.id])
    st.session_state[chooser.id + _PREVIOUS_UNIT] = unit  # so the next change of unit can convert the value
    return unit


_PREVIOUS_UNIT = "__previous"


def _convert_lab_value(lab_input: str, unit_input: str) -> None:
    content = content_or_stop()
    spec = content.input(lab_input)
    lab = content.labs[spec.lab]
    before = st.session_state.get(unit_input + _PREVIOUS_UNIT, lab.unit)
    after = st.session_state[unit_input]
    value = st.session_state.get(lab_input)
    if value is not None and before != after:
        st.session_state[lab_input] = round(value * lab.factor(before) / lab.factor(after), 2)
    st.session_state[unit_input + _PREVIOUS_UNIT] = after  # a live part's rerun does not make the radio again
    _moved(unit_input)


def _choice_input(spec: InputSpec) -> None:
    st.radio(
        spec.label, spec.options, help=spec.help, key=spec.id, bind="query-params", horizontal=True, **_live(spec)
    )


GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("danger", ("danger",)),
    ("symptoms", ("symptoms", "movements")),
    ("context", ("context", "labs")),
)


def input_widget(spec: InputSpec, content: explainer.Content) -> None:
    """The one control for an input, bound to the URL by its id. A lab's unit choice is made with its lab."""
    if spec.kind == "flag":
        # wrap=True: by default (None) Streamlit 1.67 cuts the label of a checkbox placed straight in a column with
        # "..." (the danger signs sit in two columns, stacked on a phone). A label that says when to call 999 is
        # read whole.
        st.checkbox(spec.label, help=spec.help, key=spec.id, bind="query-params", wrap=True, **_live(spec))
    elif spec.kind == "choice":
        if not _is_unit_input(spec, content):
            _choice_input(spec)
    elif spec.kind == "lab":
        _lab_input(spec, content)
    else:
        _number_input(spec)


def sidebar_inputs(
    content: explainer.Content, placed: frozenset[str] = frozenset(), focus: str = "", knobs: bool = False
) -> None:
    """In the sidebar: every input the page does not place beside its charts, by group, and the reset button.

    All inputs are made by the router (ui/router.py), on every page: Streamlit keeps a ``bind="query-params"``
    value in the URL across page switches only for widgets made by the entry script's run, not by a page.
    With ``knobs`` (a page with live parts), each group's widgets are drawn as knobs (ui/live.py).
    """
    text = words("sidebar")
    with st.sidebar:
        st.markdown("## " + text["title"])
        st.caption(text["help"] if not placed else text["help_placed"])
        for group_id, members in GROUPS:
            specs = [s for s in content.inputs if s.group in members and s.id not in placed]
            if not specs:
                continue
            with st.expander(text[group_id], expanded=group_id in (focus, "danger")):
                if group_id == "danger":
                    st.caption(text["danger_help"])
                draw = functools.partial(input_widgets, [spec.id for spec in specs], content)
                if knobs:
                    live.knobs(f"knobs-sidebar-{group_id}", draw, [spec.id for spec in specs])
                else:
                    draw()
                if "movements" in members and any(s.group == "movements" for s in specs):
                    st.caption(text["movements_note"])
                if "labs" in members and any(s.group == "labs" for s in specs):
                    st.caption(text["labs_note"])
        st.button(text["reset"], on_click=reset_inputs, args=(content,), width="stretch", wrap=True)


def input_widgets(input_ids: Iterable[str], content: explainer.Content) -> None:
    """The controls for ``input_ids``, in that order (:func:`input_widget`)."""
    for input_id in input_ids:
        input_widget(content.input(input_id), content)


def restore_dropped_link_values(content: explainer.Content) -> None:
    """Put back into the link any input whose value the session kept but whose URL parameter Streamlit dropped.

    On a page change, Streamlit 1.67's frontend keeps only the URL parameters of bound widgets still mounted
    (``WidgetStateManager.filterParamsForPageChange`` keeps the keys of ``paramKeyToWidgetId``; a widget leaves it
    when it unmounts). Sidebar widgets stay mounted; main-area widgets of the page being left do not, so their
    parameters go although the session keeps the values. A value set by code before its widget is made is written
    back into the URL, so the link is whole again. Call before the inputs are made.
    (tests/e2e/test_pages.py: test_inputs_survive_moving_between_pages)
    """
    for spec in content.inputs:
        if spec.id not in st.session_state or spec.id in st.query_params:
            continue
        value = st.session_state[spec.id]
        if value is not None and value != spec.default:
            st.session_state[spec.id] = value


def _is_unit_input(spec: InputSpec, content: explainer.Content) -> bool:
    return any(other.unit_input == spec.id for other in content.inputs)


def reset_inputs(content: explainer.Content) -> None:
    """Put every input back to its default (a callback: it runs before the widgets are made)."""
    set_inputs(content, {})


def set_inputs(content: explainer.Content, values: dict[str, explainer.assessment.InputValue]) -> None:
    """Set every input: the given values, the default for the rest. Call before the widgets are made."""
    for spec in content.inputs:
        value = values.get(spec.id, spec.default)
        if spec.kind == "integer" and value is not None:
            value = int(value)  # type: ignore[arg-type]
        elif spec.kind in ("number", "lab") and value is not None:
            value = float(value)  # type: ignore[arg-type]
        st.session_state[spec.id] = value
        if spec.kind == "choice":
            st.session_state[spec.id + _PREVIOUS_UNIT] = value


_ASSESSMENT = "_assessment"  # session key: the last assessment and the inputs it was made from
_LATEST = "_latest"  # session key: the visit's Latest


@dataclass
class Latest:
    """The assessment of the visit's inputs as its last run worked it out.

    For files made when a button is pressed: Streamlit calls a download's maker in a worker thread, outside any
    run, where ``st.session_state`` cannot be read. A maker that holds this object reads the scenario as it is at
    the press, so the button need not be drawn again on every move (ui/render.py, handout_download).
    """

    assessment: explainer.Assessment | None = None

    def now(self) -> explainer.Assessment:
        """The assessment as it is now. Set by every run before a page draws (:func:`assessment`)."""
        if self.assessment is None:
            raise RuntimeError("state.assessment() runs before anything reads the latest assessment")
        return self.assessment


def latest() -> Latest:
    return st.session_state.setdefault(_LATEST, Latest())


def assessment(content: explainer.Content) -> explainer.Assessment:
    """The assessment of the current inputs, worked out once per set of inputs (the live parts each ask)."""
    inputs = current_inputs(content)
    key = tuple(inputs.items())
    last = st.session_state.get(_ASSESSMENT)
    if last is not None and last[0] == key:
        made = last[1]
    else:
        made = explainer.assess(inputs, content)
        st.session_state[_ASSESSMENT] = (key, made)
    latest().assessment = made
    return made


def at_emergency(content: explainer.Content) -> bool:
    """Whether the current inputs call for Emergency (the pages with live parts then take another shape)."""
    return assessment(content).urgency == explainer.Urgency.EMERGENCY


def current_inputs(content: explainer.Content) -> dict[str, explainer.assessment.InputValue]:
    """The scenario as the engine takes it, read from the widgets the router made (:func:`input_widget`)."""
    return {spec.id: st.session_state.get(spec.id, spec.default) for spec in content.inputs}


LINK_NOTES_KEY = "_link_notes"
RETIRED_KEY = "_retired_inputs"  # (the input an old link's retired input became, the note) for this session


def apply_retired_inputs(content: explainer.Content, raw: dict[str, list[str]]) -> None:
    """An older link that names a retired input (``data/inputs.toml``, ``[[retired]]``) ticks the input it became,
    once: the old parameter leaves the address bar and the new one takes its place. Its note stays on the page while
    that input is still ticked as the link set it. Call before the inputs are made."""
    reading = read_link({r.id: raw[r.id] for r in content.retired if r.id in raw}, content)
    for retired in content.retired:
        if retired.id not in raw:
            continue
        del st.query_params[retired.id]
        if reading.values.get(retired.becomes) is True and retired.becomes not in raw:
            st.session_state[retired.becomes] = True
            st.query_params[retired.becomes] = "true"
            st.session_state[RETIRED_KEY] = (*st.session_state.get(RETIRED_KEY, ()), (retired.becomes, retired.note))


def remember_link_notes(content: explainer.Content, raw: dict[str, list[str]]) -> None:
    """Keep this run's notes about the link for the page to show (in memory only, for this run), and the notes of
    an older link's retired inputs while what they set still holds."""
    retired = {r.id for r in content.retired}
    kept = tuple(note for becomes, note in st.session_state.get(RETIRED_KEY, ()) if st.session_state.get(becomes))
    fresh = read_link({name: values for name, values in raw.items() if name not in retired}, content).notes
    st.session_state[LINK_NOTES_KEY] = (*kept, *fresh)


def link_notes() -> tuple[str, ...]:
    return st.session_state.get(LINK_NOTES_KEY, ())
