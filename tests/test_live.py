"""Live parts (ui/live.py): a move reruns only the parts it moves, and they tell the same story as the whole page.

In AppTest, a run that reruns only some fragments leaves the element tree holding just those fragments' elements,
so the tests can read what a move redrew. Then a whole run (``at.run()``) draws the page from the same inputs,
and the redrawn parts must say exactly what the whole page says. The moves are generated from data/signs.toml.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import explainer
import explainer.charts
from explainer.scenarios import load_scenarios
from tests.conftest import DATA
from tests.test_app_pages import run_page, status_of
from ui.layout import QUIET_PAGES

CONTENT = explainer.load_content(DATA)
RESET_LABEL = "Reset all inputs"  # the sidebar's last button: in the tree only after a whole run


ADVICE = ("## What to do next", "### What to do next")  # its heading: h3 under the action at Emergency


def sign_moves() -> list[tuple[str, str, object]]:
    """(sign id, input id, a value past the sign's line) for every condition of every sign."""
    moves = []
    for sign in CONTENT.signs:
        for condition in sign.conditions:
            spec = CONTENT.input(condition.input)
            if condition.op == "is_true":
                value: object = True
            else:
                step = spec.step if condition.op == ">" else 0
                value = type(spec.default)(condition.threshold + step) if spec.default is not None else None
            moves.append((sign.id, condition.input, value))
    return moves


def move(at: AppTest, input_id: str, value: object) -> AppTest:
    spec = CONTENT.input(input_id)
    if spec.kind == "flag":
        return at.checkbox(key=input_id).set_value(bool(value)).run()
    if spec.kind == "choice":
        return at.radio(key=input_id).set_value(value).run()
    return at.slider(key=input_id).set_value(value).run()


def texts(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def statuses(at: AppTest) -> list[str]:
    """The sign status lines drawn ("**✓ Not crossed**"): one per sign card redrawn."""
    return [text for text in texts(at) if status_of(text)]


def charts(at: AppTest) -> list[object]:
    return at.get("vega_lite_chart")


def is_whole_page(at: AppTest) -> bool:
    return any(button.label == RESET_LABEL for button in at.button)


@pytest.mark.parametrize(("sign_id", "input_id", "value"), sign_moves(), ids=[m[1] for m in sign_moves()])
def test_a_sign_input_redraws_its_sign_the_advice_and_the_results_and_they_match_the_whole_page(
    sign_id: str, input_id: str, value: object
) -> None:
    at = run_page("pages/warning-signs.py")
    assert is_whole_page(at)
    move(at, input_id, value)
    assert not at.exception, [e.value for e in at.exception]
    assert not is_whole_page(at), "a move beside a chart reruns its live parts, not the page"
    # Each part of the card is sent only when what it shows changes. The status: with the sign's status. A plane's
    # point follows its sliders in the browser: the server sends the plane only when its name changes, with the
    # sign's status. Tiles and bars are drawn from the server's rows: sent on every move, as are the reason and
    # the chart's table.
    defaults = {spec.id: spec.default for spec in CONTENT.inputs}
    after = explainer.assess({**defaults, input_id: value}, CONTENT).sign(sign_id)
    status_moved = after.crossed != explainer.assess(defaults, CONTENT).sign(sign_id).crossed
    assert len(statuses(at)) == (1 if status_moved else 0), statuses(at)
    redrawn = texts(at)
    assert after.reason in redrawn, "why the sign is crossed or not, with the new value"
    drawn = charts(at)
    plane = explainer.charts.plane_inputs(CONTENT, sign_id) is not None
    assert len(drawn) == (1 if status_moved or not plane else 0), (
        "the sign's own chart, when the browser cannot draw the move alone (the all-signs chart waits in a closed "
        "section)")
    tables = [element.proto.body for element in at.get("html")]
    assert len(tables) == 1 and 'class="chart-table"' in tables[0], "the sign's numbers for screen readers, always"

    at.run()  # the whole page, from the same inputs
    assert is_whole_page(at)
    whole = texts(at)
    missing = [text for text in redrawn if text not in whole]
    assert not missing, f"the parts a move redrew say what the whole page does not: {missing}"
    # The chart redrawn is this sign's, the same as the whole page draws it (its spec, alt text and rows).
    number = [s.id for s in CONTENT.signs].index(sign_id)
    if drawn:
        assert drawn[0].proto == charts(at)[number].proto, "the card of the sign that reads this input"
    assert tables[0] == [element.proto.body for element in at.get("html")][number], "its table, as the page draws it"
    advice = [text for text in whole if text.startswith(ADVICE)]
    assert advice, "the whole page gives advice"
    # The advice is redrawn only when it changes (live.part's ``shows``): then it is the whole page's advice.
    assert all(text in whole for text in redrawn if text.startswith(ADVICE))


def test_the_all_signs_chart_is_drawn_when_its_section_opens_and_then_moves_with_every_input() -> None:
    at = run_page("pages/warning-signs.py")
    assert len(charts(at)) == 4, "one chart beside each sign, none in the closed section"
    at.session_state["all-signs"] = True  # what opening the section does
    at.run()
    assert len(charts(at)) == 6, "the all-signs section: the bars of the measured signs and sign 4's tiles"
    move(at, "pain", 9)
    assert not is_whole_page(at)
    drawn = [chart.proto.spec for chart in charts(at)]
    # Pain 9 alone leaves sign 1 not crossed (it also needs a long spasm): its plane follows the slider in the
    # browser and is not sent again.
    assert len(drawn) == 2, "the open all-signs section's bars and tiles"


def test_a_sidebar_input_that_comes_to_decide_the_advice_redraws_the_advice_and_stays_where_it_is() -> None:
    at = run_page("pages/warning-signs.py")
    move(at, "affects_sleep", True)
    # It decides the advice now, but it stays where the visitor ticked it: the inputs below the advice are chosen
    # on arrival, so a control never jumps while in use (ui/layout.py), and the page keeps its shape: only the
    # parts the move changes run again, the advice among them.
    assert not is_whole_page(at), "the page's shape is the same: its parts run, not the whole page"
    assert any(text.startswith(ADVICE) for text in texts(at)), "sleep changes the advice here"
    assert "affects_sleep" not in {getattr(e, "key", None) for e in at.main.children.values() for e in _all(e)}


def test_a_clue_beside_the_cause_chart_redraws_the_chart_and_the_cards_as_the_whole_page_does() -> None:
    at = run_page("pages/causes.py")
    move(at, "numbness", True)
    assert not is_whole_page(at)
    redrawn = texts(at)
    assert any("Numbness or loss of feeling" in text and "✓ present" in text for text in redrawn), "the cards moved"
    at.run()
    whole = texts(at)
    assert [text for text in redrawn if text not in whole] == []


# At Emergency only the all-signs section is left (its bars and sign 4's tiles), under the advice.
@pytest.mark.parametrize(("page", "charts_left"), [("pages/warning-signs.py", 2), ("pages/causes.py", 0)])
def test_a_move_into_emergency_reruns_the_whole_page(page: str, charts_left: int) -> None:
    danger = next(spec.id for spec in CONTENT.inputs if spec.group == "danger")
    at = run_page(page)
    move(at, danger, True)
    assert is_whole_page(at), "Emergency changes the page's shape: the whole page is drawn"
    assert len(charts(at)) == charts_left, "at Emergency the charts fold away"
    assert any("Call 999" in text for text in texts(at))
    # And back out of it: the whole page again, with its charts.
    move(at, danger, False)
    assert is_whole_page(at)
    assert len(charts(at)) > charts_left


def far_link() -> dict[str, str | list[str]]:
    """A link with every input at a value other than its default (danger signs ticked: Emergency)."""
    return {spec.id: str(changed_value(spec)).lower() if spec.kind == "flag" else str(changed_value(spec))
            for spec in CONTENT.inputs if spec.kind != "lab"}


@pytest.mark.parametrize("url_path", sorted(QUIET_PAGES))
def test_a_quiet_page_draws_the_same_whatever_the_inputs_and_a_move_reruns_only_the_input(url_path: str) -> None:
    page = f"pages/{url_path}.py"
    at = run_page(page)
    main = [m.value for m in at.main.markdown]
    assert main, f"/{url_path} drew no text"
    at.slider(key="pain").set_value(9).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not is_whole_page(at), f"a move on /{url_path} reran the whole page"
    far = run_page(page, far_link())
    assert not far.exception, [e.value for e in far.exception]
    assert [m.value for m in far.main.markdown] == main, f"/{url_path} draws something that depends on an input"


def test_a_page_without_live_parts_reruns_whole() -> None:
    at = run_page("pages/home.py")
    at.slider(key="pain").set_value(9).run()
    assert is_whole_page(at)


# --- which inputs move a cause card: explainer.assessment.cause_inputs -----------------------------------------

CASES = load_scenarios(DATA, CONTENT)


def changed_value(spec: explainer.InputSpec) -> object:
    """A value of the input other than its default, at the far end of its range."""
    if spec.kind == "flag":
        return True
    if spec.kind == "choice":
        return next(option for option in spec.options if option != spec.default)
    if spec.kind == "lab":
        return spec.min  # far below every range: low, and in the deepest danger band
    return type(spec.default)(spec.max)


@pytest.mark.parametrize("cause_id", [cause.id for cause in CONTENT.causes])
def test_an_input_outside_a_causes_inputs_never_changes_its_fit(cause_id: str) -> None:
    """From every teaching case (and all defaults), change each input the cause does not read: its fit stays."""
    read = explainer.assessment.cause_inputs(CONTENT, cause_id)
    assert read, "every cause reads some input"
    for values in [{}, *(case.values(CONTENT) for case in CASES)]:
        before = explainer.assess(values, CONTENT).cause(cause_id)
        for spec in CONTENT.inputs:
            if spec.id in read or spec.unit_input in read or (spec.kind == "choice" and spec.id.endswith("_unit")):
                continue
            after = explainer.assess({**values, spec.id: changed_value(spec)}, CONTENT).cause(cause_id)
            assert after == before, f"{spec.id} changes {cause_id} but is not among the inputs it reads"


@pytest.mark.parametrize("cause_id", [cause.id for cause in CONTENT.causes])
def test_every_input_a_cause_reads_can_change_its_fit(cause_id: str) -> None:
    """The other way: no input is listed that could never move the card (it would only cost a redraw)."""
    for input_id in explainer.assessment.cause_inputs(CONTENT, cause_id):
        spec = CONTENT.input(input_id)
        if spec.kind == "choice" and spec.id.endswith("_unit"):
            continue  # a unit changes a lab's status only together with its value
        moved = any(
            explainer.assess({**values, input_id: changed_value(spec)}, CONTENT).cause(cause_id)
            != explainer.assess(values, CONTENT).cause(cause_id)
            for values in [{}, *(case.values(CONTENT) for case in CASES)]
        )
        assert moved, f"{input_id} is listed for {cause_id} but never changed it"


def test_a_clue_redraws_only_the_cards_that_read_it() -> None:
    at = run_page("pages/causes.py")
    move(at, "numbness", True)
    # The advice panel ("## What to do next") redraws too when the tick changes the advice (numbness: Urgent).
    redrawn_cards = [text for text in texts(at) if text.startswith("### ") and not text.startswith("### What to do")]
    reads = explainer.assessment.cause_inputs
    readers = [c.name for c in CONTENT.causes if "numbness" in reads(CONTENT, c.id)]
    assert readers and len(redrawn_cards) == len(readers), redrawn_cards
    assert all(any(card.startswith(f"### {name}:") for card in redrawn_cards) for name in readers)


# --- what a move leaves alone: a part whose picture does not change, a section that is closed -------------------


def advice(at: AppTest) -> list[str]:
    return [text for text in texts(at) if text.startswith(ADVICE)]


def test_the_advice_is_redrawn_only_when_it_changes() -> None:
    at = run_page("pages/warning-signs.py")
    move(at, "pain", 3)
    assert advice(at) == [], "pain 0 -> 3 leaves the advice at Self-care: not redrawn"
    assert statuses(at) == [], "nor is the sign's status, not crossed before and after"
    assert any(text.startswith("Not crossed: pain is 3") for text in texts(at)), "but why, with the new value, is"
    at.run()  # in AppTest the tree then holds the whole page again, with the sliders to move
    move(at, "pain", 8)
    redrawn = advice(at)
    assert redrawn, "pain 8 changes the advice: redrawn"
    # (A whole run here would not do: after a second move AppTest sends the slider's value from its older tree.)
    assert redrawn == advice(run_page("pages/warning-signs.py", {"pain": "8"})), "the whole page's advice"


def test_a_closed_section_is_not_redrawn_and_an_open_one_is() -> None:
    at = run_page("pages/causes.py")
    move(at, "pain", 5)  # leaves the advice, and what decided it, as they were: the page keeps its shape
    table_label = explainer.content.cached_words("pages.toml", str(DATA))["common"]["table_label"]
    assert table_label not in [e.label for e in at.expander], "the part with the closed table is not redrawn"
    at.session_state["cause-table"] = True  # what opening the section does
    at.run()
    move(at, "pain", 3)
    assert not is_whole_page(at)
    assert table_label in [e.label for e in at.expander], "an open one is"
    assert len(at.table) == 1, "the open table moves with the inputs"
    redrawn = at.table[0].value.values.tolist()
    whole = run_page("pages/causes.py", {"pain": "3"})
    whole.session_state["cause-table"] = True
    whole.run()
    assert whole.table[0].value.values.tolist() == redrawn, "and it shows what the whole page shows"


def _all(node: object) -> list[object]:
    children = getattr(node, "children", None)
    return [node] if not children else [leaf for key in sorted(children) for leaf in _all(children[key])]
