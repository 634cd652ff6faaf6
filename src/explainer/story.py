"""The story the causes page and the stage tell under the cause chart, so the chart and its words agree.

When a serious cause or a medicine stands out, the page names it; when a red flag decides the advice (Urgent or
Emergency), no calm story is told beside it. When an everyday cause stands out (a hot day,
hard exercise), or no cause does, the page says what the NHS says first: most cramps are harmless, and leg
cramps often happen for no clear reason; then the self-care steps the sources give (``data/causes.toml``,
``[no_clear_cause]``), each with its source.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from explainer.assessment import Assessment, Urgency
from explainer.content import Content, SelfCareStep

__all__ = ["CauseStory", "cause_story"]


@dataclass(frozen=True)
class CauseStory:
    """``kind``: "red_flag" (the advice is Urgent or Emergency: no calm story), "stands_out" (a serious cause or a
    medicine), "everyday" (an everyday cause stands out) or "no_clear_cause". ``text`` and ``source``: what to say
    ("" for the first two); ``steps``: the self-care steps that fit the scenario (none for the first two)."""

    kind: Literal["red_flag", "stands_out", "everyday", "no_clear_cause"]
    text: str
    source: str
    steps: tuple[SelfCareStep, ...]
    steps_heading: str


def cause_story(assessment: Assessment, content: Content) -> CauseStory:
    """What to say under the cause chart for this scenario.

    >>> from explainer import assess, cached_content
    >>> cause_story(assess({"pain": 3, "affects_sleep": True}), cached_content()).kind
    'no_clear_cause'
    >>> story = cause_story(assess({"dehydration": True, "pain": 4}), cached_content())
    >>> story.kind, len(story.steps)
    ('everyday', 5)
    >>> cause_story(assess({"statin": True}), cached_content()).kind  # NHS: call 111 straight away
    'red_flag'
    >>> cause_story(assess({"statin": True, "overexertion": True, "cramp_medicine": True}), cached_content()).kind
    'stands_out'
    """
    told = content.no_clear_cause
    assert told is not None, "load_content always reads [no_clear_cause]"
    leading = assessment.leading_cause
    if assessment.urgency.rank >= Urgency.URGENT.rank:  # a red flag decides: the calm story would mislead
        return CauseStory("red_flag", "", "", (), told.steps_heading)
    if leading is not None and leading.kind != "everyday":
        return CauseStory("stands_out", "", "", (), told.steps_heading)
    steps = tuple(step for step in told.steps if not step.when or assessment.inputs.get(step.when) is True)
    if leading is not None:
        return CauseStory("everyday", told.everyday, told.everyday_source, steps, told.steps_heading)
    return CauseStory("no_clear_cause", told.text, told.source, steps, told.steps_heading)
