"""The scenario the visitor builds: loading the content, the shared inputs, and what a link set.

All inputs are made here, by the router (ui/router.py), on every page. Streamlit keeps a ``bind="query-params"``
value in the URL across page switches only for widgets made by the entry script, so this is what lets a link carry
the whole scenario and lets the inputs survive moving between pages.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

import streamlit as st

import explainer
from explainer import glossary
from explainer.assessment import lab_range
from explainer.content import InputSpec, cached_words, default_data_dir
from explainer.links import read_link

_LOG = logging.getLogger("explainer.app")
T = TypeVar("T")
TYPED_SUFFIX = "__typed"


@st.cache_resource(show_spinner=False)
def _load(data_dir: str) -> explainer.Content:
    return explainer.load_content(data_dir)


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
    """The validated content, or one plain error and a stop."""
    return loaded_or_stop(lambda: _load(str(default_data_dir())), "The explainer")


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


def _sync(target: str, origin: str) -> Callable[[], None]:
    def copy() -> None:
        value = st.session_state.get(origin)
        if value is not None:
            st.session_state[target] = value

    return copy


def _number_input(spec: InputSpec) -> None:
    as_int = spec.kind == "integer"
    cast = int if as_int else float
    slider_col, typed_col = st.columns([3, 1.3], vertical_alignment="bottom")
    with slider_col:
        st.slider(
            f"{spec.label} ({spec.unit})",
            min_value=cast(spec.min),
            max_value=cast(spec.max),
            step=cast(spec.step),
            help=spec.help,
            format=None if as_int else "%.1f",
            key=spec.id,
            bind="query-params",
            on_change=_sync(spec.id + TYPED_SUFFIX, spec.id),
        )
    typed_key = spec.id + TYPED_SUFFIX
    if st.session_state.get(typed_key) != st.session_state[spec.id]:
        st.session_state[typed_key] = st.session_state[spec.id]
    with typed_col:
        st.number_input(
            words("sidebar")["typed_label"].format(label=spec.label),
            min_value=cast(spec.min),
            max_value=cast(spec.max),
            step=cast(spec.step),
            key=typed_key,
            label_visibility="collapsed",
            format=None if as_int else "%.1f",
            on_change=_sync(spec.id, typed_key),
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
    return str(st.session_state[chooser.id])


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


def _choice_input(spec: InputSpec) -> None:
    st.radio(spec.label, spec.options, help=spec.help, key=spec.id, bind="query-params", horizontal=True)


GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("danger", ("danger",)),
    ("symptoms", ("symptoms", "movements")),
    ("context", ("context", "labs")),
)


def scenario_inputs(content: explainer.Content, focus: str = "symptoms") -> None:
    """Every input, in the sidebar, bound to the URL. The danger signs come first, open on the pages that give
    advice; ``focus`` opens the group the current page is about."""
    text = words("sidebar")
    with st.sidebar:
        st.markdown("## " + text["title"])
        st.caption(text["help"])
        for group_id, members in GROUPS:
            expanded = group_id == focus or (group_id == "danger" and focus == "symptoms")
            with st.expander(text[group_id], expanded=expanded):
                if group_id == "danger":
                    st.caption(text["danger_help"])
                for spec in content.inputs:
                    if spec.group not in members or (spec.kind == "choice" and _is_unit_input(spec, content)):
                        continue
                    if spec.kind == "flag":
                        st.checkbox(spec.label, help=spec.help, key=spec.id, bind="query-params")
                    elif spec.kind == "choice":
                        _choice_input(spec)
                    elif spec.kind == "lab":
                        _lab_input(spec, content)
                    else:
                        _number_input(spec)
                if "movements" in members:
                    st.caption(text["movements_note"])
                if "labs" in members:
                    st.caption(text["labs_note"])
        st.button(text["reset"], on_click=reset_inputs, args=(content,), width="stretch")
    for spec in content.inputs:  # remember each unit, so a change of unit can convert the value typed in the old one
        if spec.kind == "choice" and _is_unit_input(spec, content):
            st.session_state[spec.id + _PREVIOUS_UNIT] = st.session_state.get(spec.id, spec.default)


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
        if spec.kind in ("integer", "number"):
            st.session_state[spec.id + TYPED_SUFFIX] = value
        if spec.kind == "choice":
            st.session_state[spec.id + _PREVIOUS_UNIT] = value


def current_inputs(content: explainer.Content) -> dict[str, explainer.assessment.InputValue]:
    """The scenario as the engine takes it, read from the widgets made by :func:`scenario_inputs`."""
    return {spec.id: st.session_state.get(spec.id, spec.default) for spec in content.inputs}


LINK_NOTES_KEY = "_link_notes"


def remember_link_notes(content: explainer.Content, raw: dict[str, list[str]]) -> None:
    """Keep this run's notes about the link for the page to show (in memory only, for this run)."""
    st.session_state[LINK_NOTES_KEY] = read_link(raw, content).notes


def link_notes() -> tuple[str, ...]:
    return st.session_state.get(LINK_NOTES_KEY, ())
