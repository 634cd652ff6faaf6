"""Charts that follow the page's sliders in the browser: which inputs they may read, and the parameters bound to
each chart's own hidden copies of those sliders (ui/follow.py fills the copies). The rule language's own Vega
expressions are beside its interpreter, in :mod:`explainer.rules` (:func:`explainer.rules.vega`)."""

from __future__ import annotations

from collections.abc import Iterable

import altair as alt

from explainer import rules
from explainer.content import Content

__all__ = ["bound_params", "follow_binding", "follow_inputs", "slider_inputs"]


def follow_inputs(content: Content) -> tuple[str, ...]:
    """The inputs a following chart may read, in data order: every slider, that is every number (data/inputs.toml
    kinds "integer" and "number"); ui/follow.py fills a chart's copy of each."""
    return tuple(spec.id for spec in content.inputs if spec.kind in ("integer", "number"))


def slider_inputs(content: Content) -> frozenset[str]:
    return frozenset(follow_inputs(content))


def follow_binding() -> alt.BindInput:
    """How a following chart's parameter gets a slider's value: from a text box Vega draws inside the chart itself,
    named after the parameter (``<input name="follow_pain">``), which ui/follow.py fills from the slider and hides.

    A box of the chart's own is there whenever the chart is: a binding to an element elsewhere on the page
    (``#follow-pain``) was lost, with "Signal bind element not found", when Vega drew the chart before that element
    was in the page (once in a while on a first visit)."""
    return alt.binding(input="text")


def bound_params(input_ids: Iterable[str]) -> list[alt.Parameter]:
    """One parameter per input, bound to the chart's own copy of its slider: its value is the slider's, as text."""
    return [alt.param(name=rules.follow_param(input_id), value=None, bind=follow_binding())
            for input_id in input_ids]
