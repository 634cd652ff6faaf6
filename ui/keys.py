"""Every key the app keeps in ``st.session_state``, in one place: what a visit remembers between its runs.

An input's own key is its id in data/inputs.toml (the widget's key, bound to the link), and a teaching line's
slider is ``line_<input>`` (bound to the link too); nothing else here is in a link.
Everything is in memory only, for the visit, and gone when it ends (docs/security.md).
"""

from __future__ import annotations

from explainer.teaching import LINK_PREFIX

# The scenario and what was worked out from it (ui/state.py)
ASSESSMENT = "_assessment"  # the last assessment and the inputs it was made from
LATEST = "_latest"  # the visit's Latest: the assessment a download's maker reads at the press
PACE = "_pace"  # this visit's token bucket (two numbers, no input): explainer.pace
PACED = "_paced"  # set by an input's callback, read by the router in the same run: the run has paid
PREVIOUS_UNIT = "__previous"  # suffix of a unit choice's key: the unit before the change, to convert the value

# What a link set (ui/state.py, ui/classroom.py)
LINK_NOTES = "_link_notes"  # this run's notes about a link's ignored values
RETIRED_INPUTS = "_retired_inputs"  # (the input an old link's retired input became, the note)
SCENARIO_LINK_READ = "_scenario_link_read"  # a link's ?scenario= was read on the session's first run
SCENARIO_LINK_VALUES = "_scenario_link_values"  # a linked case's inputs, written into the URL on the next run

# Teaching lines a presenter moved (ui/teaching.py)
TEACHING_LINES = "_teaching_lines"  # the lines in force on this page: set by its controls, cleared by each full run

# The inputs placed below the advice (ui/layout.py): (page path, input ids), fixed while the visitor stays on a page
DECIDERS = "_deciders"
LAST_PAGE = "_last_page"  # the URL path of the page the previous run drew (ui/router.py)

# Live parts (ui/live.py)
LIVE_PARTS = "_live_parts"  # the parts of the page drawn last
LIVE_KNOBS = "_live_knobs"  # the inputs whose widgets the page drew inside knobs -> the key of their knobs

# Files drawn for download (ui/render.py)
FILES = "_files"

# Pages' own widgets
SCENARIO_PICK = "scenario_pick"  # /scenarios: the case on show
SCENARIO_GROUP = "scenario_group"  # /scenarios: stories, or the pairs of one sign
SCENARIO_LOAD = "scenario_load"  # /scenarios: the button that loads the case into the inputs
GLOSSARY_SEARCH = "glossary_search"  # /glossary: the search box
QUIZ_ANSWERS = "quiz_answers"  # /quiz: question id -> the first option chosen
QUIZ_TRY_AGAIN = "quiz-try-again"  # /quiz: the button that starts again
PREDICT = "predict"  # /present: the "ask first" switch, bound to the link's ``predict``

# The room vote (ui/room.py)
ROOM_PRESENTER = "room-presenter"  # the Opened room this tab runs (its secret: never in a link)
ROOM_FORGET = "room-forget"  # the room just ended; the keeper forgets it
ROOM_NOTICE = "room-notice"  # a sentence for the next run (an answer that arrived too late)


def teaching_line(input_id: str) -> str:
    """/warning-signs and /present: the slider of a teaching line, bound to the link as ``line_<input>``."""
    return f"{LINK_PREFIX}{input_id}"


def quiz_choice(question_id: str) -> str:
    """/quiz: the radio of one question."""
    return f"quiz-{question_id}"


def case_reveal(case_id: str) -> str:
    """/scenarios: the section that shows a case's answer (keyed by the case, so another case starts hidden)."""
    return f"reveal-{case_id}"


# Sections that draw their content only while open (ui/live.py, folded): their open state is read by a move
ALL_SIGNS = "all-signs"  # /warning-signs: the all-signs chart
CAUSE_TABLE = "cause-table"  # /causes: the cause chart's numbers as a table
ADVICE_WHY = "advice-why"  # the advice panel: the rule's source and the other rules that apply
MORE_CONTEXT = "more-context"  # /causes: the rest of the context inputs
BLOOD_TESTS = "blood-tests"  # /causes: the blood test inputs


def article_section(section_id: str) -> str:
    """A section of the article, folded away, drawn when opened."""
    return f"quote-{section_id}"

# Not in session state: the key of the router's last element on every page (ui/aria.py), which ui/assets/head.js
# reads as the end of the first run (as `.st-key-slider-names`; tests/test_head.py checks that the two agree).
SLIDER_NAMES = "slider-names"
