"""Scenario links: reading never fails, notes never echo the link, and writing then reading gives the same inputs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import explainer
from explainer.links import read_link, scenario_query, scenario_url
from tests.conftest import DATA

CONTENT = explainer.load_content(DATA)

# (query, values the link sets, how many notes)
LINKS = [
    ({"pain": ["9"], "duration_min": ["20"]}, {"pain": 9, "duration_min": 20.0}, 0),
    ({"pain": ["abc"]}, {}, 1),
    ({"pain": ["nan"]}, {}, 1),
    ({"pain": ["inf"]}, {}, 1),
    ({"duration_min": ["-inf"]}, {}, 1),
    ({"pain": ["1e309"]}, {}, 1),
    ({"pain": ["11"]}, {}, 1),
    ({"pain": ["-1"]}, {}, 1),
    ({"pain": ["3", "9"]}, {}, 1),
    ({"pain": [""]}, {}, 1),
    ({"pain": ["<script>alert(1)</script>"]}, {}, 1),
    ({"pain": ["9.5"]}, {"pain": 9}, 1),
    ({"pain": [" 7 "]}, {"pain": 7}, 0),
    ({"twitching": ["true"]}, {"twitching": True}, 0),
    ({"twitching": ["TRUE"]}, {"twitching": True}, 0),
    ({"twitching": ["false"]}, {"twitching": False}, 0),
    ({"twitching": ["yes"]}, {}, 1),
    ({"potassium": ["3.1"]}, {"potassium": 3.1}, 0),
    ({"potassium": ["0.2"]}, {}, 1),
    ({"unknown": ["1"], "<b>x</b>": ["2"]}, {}, 1),
    ({"scenario": ["calm"], "step": ["2"], "present": ["1"]}, {}, 0),
    ({"step": ["3"], "predict": ["true"], "answer": ["shown"]}, {}, 0),
    ({"pain": ["\u202e9"]}, {}, 1),
]


# Generated from data/inputs.toml's [[retired]]: an older link keeps its meaning through the input it became.
RETIRED = [
    *[pytest.param({r.id: ["true"]}, {r.becomes: True}, (r.note,), id=f"{r.id}=true") for r in CONTENT.retired],
    *[pytest.param({r.id: ["false"]}, {}, (), id=f"{r.id}=false") for r in CONTENT.retired],
    *[pytest.param({r.id: ["maybe"]}, {}, 1, id=f"{r.id}=maybe") for r in CONTENT.retired],
    # the new input named too: the link's own value of it wins, and the old one is ignored without a note
    *[pytest.param({r.id: ["true"], r.becomes: ["false"]}, {r.becomes: False}, (), id=f"{r.id}+{r.becomes}")
      for r in CONTENT.retired],
]


@pytest.mark.parametrize(("query", "values", "notes"), RETIRED)
def test_an_older_link_with_a_retired_input_opens_with_the_nearest_meaning_and_says_so(
    query: dict, values: dict, notes: tuple | int
) -> None:
    reading = read_link(query, CONTENT)
    assert reading.values == values
    if isinstance(notes, int):
        assert len(reading.notes) == notes and "maybe" not in reading.notes[0]
    else:
        assert reading.notes == notes
    assert CONTENT.retired, "the data names the inputs that were split"


@pytest.mark.parametrize(("query", "values", "notes"), LINKS)
def test_read_link(query: dict, values: dict, notes: int) -> None:
    reading = read_link(query, CONTENT)
    assert dict(reading.values) == values
    assert len(reading.notes) == notes


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=20), st.lists(st.text(max_size=40), max_size=3), max_size=6))
def test_any_link_is_read_without_error_and_notes_never_echo_it(query: dict[str, list[str]]) -> None:
    reading = read_link(query, CONTENT)
    explainer.validate_inputs(dict(reading.values), CONTENT)  # whatever it keeps is a valid input
    labels = {spec.label for spec in CONTENT.inputs}
    for note in reading.notes:
        quoted = note.split('"')[1] if note.count('"') >= 2 else None
        assert quoted is None or quoted in labels
        assert "<" not in note and ">" not in note


@settings(max_examples=200, deadline=None)
@given(st.fixed_dictionaries({}, optional={
    "pain": st.integers(0, 10),
    "duration_min": st.sampled_from([0.5, 2.0, 10.0, 10.5, 59.5]),
    "twitching": st.booleans(),
    "potassium": st.sampled_from([None, 2.9, 3.5, 4.4]),
}))
def test_a_written_link_reads_back_to_the_same_scenario(values: dict) -> None:
    query = {name: [text] for name, text in scenario_query(values, CONTENT).items()}
    reading = read_link(query, CONTENT)
    assert reading.notes == ()
    expected = {k: v for k, v in values.items() if v is not None and v != CONTENT.input(k).default}
    assert dict(reading.values) == expected


def test_scenario_url_leaves_out_defaults() -> None:
    url = scenario_url("http://localhost:8501/", "/warning-signs", {"pain": 0, "duration_min": 12.5}, CONTENT)
    assert url == "http://localhost:8501/warning-signs?duration_min=12.5"
