"""Charts that follow the page's sliders in the browser: which inputs they may read, and the parameters bound to
the hidden copies of those sliders (ui/follow.py makes the copies). The rule language's own Vega expressions are
beside its interpreter, in :mod:`explainer.rules` (:func:`explainer.rules.vega`)."""

from __future__ import annotations

from collections.abc import Iterable

import altair as alt

from explainer import rules
from explainer.content import Content

__all__ = ["bound_params", "follow_element", "follow_inputs", "slider_inputs"]


def follow_inputs(content: Content) -> tuple[str, ...]:
    """The inputs a following chart may read, in data order: every slider, that is every number (data/inputs.toml
    kinds "integer" and "number"); ui/follow.py makes a copy of each."""
    return tuple(spec.id for spec in content.inputs if spec.kind in ("integer", "number"))


def slider_inputs(content: Content) -> frozenset[str]:
    return frozenset(follow_inputs(content))


def follow_element(input_id: str) -> str:
    """The CSS selector of the hidden copy of an input's slider value that a following chart reads (ui/follow.py
    keeps it equal to the slider, on every key and every step of a drag)."""
    return f"#follow-{input_id}"


def bound_params(input_ids: Iterable[str]) -> list[alt.Parameter]:
    """One parameter per input, bound to its slider's hidden copy: its value is the slider's, as text."""
    return [alt.param(name=rules.follow_param(input_id), value=None,
                      bind=alt.BindDirect(element=follow_element(input_id))) for input_id in input_ids]
