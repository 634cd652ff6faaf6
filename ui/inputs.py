"""The controls for the inputs: one widget per input of data/inputs.toml, bound to the link by its id.

All inputs are made by the router (ui/router.py), on every page: Streamlit keeps a ``bind="query-params"`` value in
the URL across page switches only for widgets made by the entry script, so this is what lets a link carry the whole
scenario and lets the inputs survive moving between pages. A change reruns only the live parts it moves, where the
page has them (ui/live.py).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import streamlit as st

import explainer
from explainer.assessment import lab_range
from explainer.content import InputSpec
from ui import keys, live, state
from ui.load import content_or_stop, words

__all__ = ["GROUPS", "input_widget", "input_widgets", "sidebar_inputs"]


def _live(spec: InputSpec) -> dict[str, object]:
    """A change of the input reruns only the live parts it moves, where the page has them (ui/live.py)."""
    return {"on_change": _moved, "args": (spec.id,)}


def _moved(input_id: str) -> None:
    """A widget callback: rerun the live parts that ``input_id`` moves (or, by returning, the whole page)."""
    state.pace()
    # Raises to rerun only the parts the move changes.
    if live.rerun_parts(input_id, state.at_emergency(content_or_stop())):
        st.session_state[keys.PACED] = True  # the whole page runs: its router does not pay again
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
    st.session_state[chooser.id + keys.PREVIOUS_UNIT] = unit  # so the next change of unit can convert the value
    return unit


def _convert_lab_value(lab_input: str, unit_input: str) -> None:
    content = content_or_stop()
    spec = content.input(lab_input)
    lab = content.labs[spec.lab]
    before = st.session_state.get(unit_input + keys.PREVIOUS_UNIT, lab.unit)
    after = st.session_state[unit_input]
    value = st.session_state.get(lab_input)
    if value is not None and before != after:
        st.session_state[lab_input] = round(value * lab.factor(before) / lab.factor(after), 2)
    st.session_state[unit_input + keys.PREVIOUS_UNIT] = after  # a live part's rerun does not make the radio again
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
        st.button(text["reset"], on_click=state.reset_inputs, args=(content,), width="stretch", wrap=True)


def input_widgets(input_ids: Iterable[str], content: explainer.Content) -> None:
    """The controls for ``input_ids``, in that order (:func:`input_widget`)."""
    for input_id in input_ids:
        input_widget(content.input(input_id), content)


def _is_unit_input(spec: InputSpec, content: explainer.Content) -> bool:
    return any(other.unit_input == spec.id for other in content.inputs)
