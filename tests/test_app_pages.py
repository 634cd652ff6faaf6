"""Every page in Streamlit's AppTest: it renders, inputs change results, links set inputs, bad links are handled."""

from __future__ import annotations

import ast
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from ui import router
from ui.router import PAGES as ROUTER_PAGES

APP = str(ROOT / "app.py")
ADVICE = ("## What to do next", "### What to do next")  # its heading: h3 under the action at Emergency
PAGES = ["pages/home.py", "pages/warning-signs.py", "pages/causes.py", "pages/about.py"]


def run_page(page: str, query: dict[str, str | list[str]] | None = None) -> AppTest:
    """Run the whole app once (the router, its sidebar inputs and the home page), then open ``page``.

    AppTest starts every run as a server's first run (it resets ``PagesManager.uses_pages_directory``), so Streamlit
    runs the page's file itself on a rerun or a page switch; the file's ``router.enter()`` then runs the router
    around it, as on a cold server in a browser (ui/router.py).
    """
    at = AppTest.from_file(APP, default_timeout=30)
    for name, value in (query or {}).items():
        at.query_params[name] = value
    at.run()
    if page != "pages/home.py":
        at.switch_page(page).run()
    return at


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_exception(page: str) -> None:
    at = run_page(page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "every page has a title"
    assert any("not a diagnosis" in c.value for c in at.caption), "every page shows the short disclaimer"


def flat(node: object) -> list[object]:
    """Every element under a node, in page order."""
    children = getattr(node, "children", None)
    if not children:
        return [node]
    return [leaf for key in sorted(children) for leaf in flat(children[key])]


def statuses(at: AppTest) -> dict[str, str]:
    """Each sign's status word, read from the card that follows the sign's heading."""
    content_signs = [
        ("1. Intense and prolonged pain", "intense_prolonged_pain"),
        ("2. Frequent and recurring spasms", "frequent_recurring"),
        ("3. Muscle weakness or fatigue", "weakness_fatigue"),
        ("4. Abnormal muscle contractions", "abnormal_contractions"),
    ]
    texts = [str(getattr(e, "value", "")) for e in flat(at.main)]
    found = {}
    for heading, sign_id in content_signs:
        after = texts[texts.index(f"### {heading}") + 1:]
        found[sign_id] = status_of(next(text for text in after if status_of(text)))  # the card's first words
    return found


def status_of(text: str) -> str:
    """ "⚠ Crossed" or "✓ Not crossed" from a sign card's status line ("**✓ Not crossed**"), or "" for any other
    text."""
    match = re.fullmatch(r"\*\*([⚠✓] (?:Crossed|Not crossed))\*\*", text)
    return match.group(1) if match else ""


# These tests set and read the sidebar inputs through session state, which is where those widgets keep their
# values (tests/e2e drive the widgets themselves with the keyboard).


def test_moving_an_input_changes_a_signs_status() -> None:
    at = run_page("pages/warning-signs.py")
    assert statuses(at)["intense_prolonged_pain"] == "✓ Not crossed"
    at.session_state["pain"] = 9
    at.session_state["duration_min"] = 15.0
    at.run()
    assert statuses(at)["intense_prolonged_pain"] == "⚠ Crossed"
    assert any("Urgent" in str(m.value) for m in at.markdown)
    at.session_state["duration_min"] = 10.0  # the line is "more than 10"
    at.run()
    assert statuses(at)["intense_prolonged_pain"] == "✓ Not crossed"


def test_query_parameters_set_the_inputs() -> None:
    query = {"episodes_per_week": "5", "weeks_affected": "6", "shaking": "true"}
    at = run_page("pages/home.py", query)
    assert not [t for t in at.text if t.value.startswith("• ")], "a good link gives no notes"
    assert at.session_state["episodes_per_week"] == 5
    assert at.session_state["weeks_affected"] == 6
    assert at.session_state["shaking"] is True
    assert at.session_state["pain"] == 0
    # The page computes from those inputs, kept across the page switch.
    at.switch_page("pages/warning-signs.py").run()
    found = statuses(at)
    assert found["frequent_recurring"] == "⚠ Crossed"
    assert found["abnormal_contractions"] == "⚠ Crossed"
    assert found["intense_prolonged_pain"] == "✓ Not crossed"


def test_inputs_survive_moving_between_pages() -> None:
    at = run_page("pages/warning-signs.py")
    at.slider(key="pain").set_value(8).run()  # reruns the live parts pain moves (ui/live.py)
    at.run()  # AppTest then holds only those parts: a whole run brings back the sidebar
    at.checkbox(key="numbness").check().run()
    at.switch_page("pages/causes.py").run()
    # The kept values, and the new page used them.
    assert at.session_state["pain"] == 8
    assert at.session_state["numbness"] is True
    clue = "- **✓ present**, counts for (usual clue, 2 points): Numbness or loss of feeling."
    assert any(clue in str(m.value) for m in at.markdown)
    at.switch_page("pages/warning-signs.py").run()
    assert at.session_state["pain"] == 8


HOSTILE = [
    {"pain": "abc"},
    {"pain": "nan"},
    {"duration_min": "inf"},
    {"pain": "11"},
    {"pain": ["3", "9"]},
    {"weakness": "<script>alert(1)</script>"},
    {"twitching": "maybe"},
    {"potassium": "0.1"},
    {"bogus": "1", "pain": "7"},
    {"pain": "9.5"},
]


@pytest.mark.parametrize("retired", ["numbness_tingling", "vomiting_diarrhoea"])
def test_an_older_link_ticks_the_input_it_became_moves_the_link_and_says_so(retired: str) -> None:
    import explainer

    item = next(r for r in explainer.cached_content().retired if r.id == retired)
    at = run_page("pages/warning-signs.py", {retired: "true", "pain": "4"})
    assert not at.exception
    assert at.session_state[item.becomes] is True
    assert at.query_params.get(item.becomes) in ("true", ["true"]) and retired not in at.query_params
    assert "• " + item.note in [t.value for t in at.text]
    at.checkbox(key=item.becomes).uncheck().run()  # the visitor changes it: the note has done its work
    assert "• " + item.note not in [t.value for t in at.text]


@pytest.mark.parametrize("query", HOSTILE, ids=[str(q) for q in HOSTILE])
def test_a_bad_link_is_handled_with_a_note_and_the_note_tells_the_truth(query: dict) -> None:
    import explainer
    from explainer.links import read_link

    at = run_page("pages/home.py", query)  # the first run: the router reads the link and makes the bound inputs
    assert not at.exception
    reading = read_link({k: v if isinstance(v, list) else [v] for k, v in query.items()}, explainer.cached_content())
    shown = [t.value for t in at.text]
    assert reading.notes, "every case here has something to ignore"
    for note in reading.notes:
        assert "• " + note in shown
    assert not any("<script>" in str(e.value) for e in at.markdown)
    # What the note says was used is what the widgets use.
    content = explainer.cached_content()
    for spec in content.inputs:
        assert at.session_state[spec.id] == reading.values.get(spec.id, spec.default), spec.id
    at.switch_page("pages/warning-signs.py").run()
    assert not at.exception
    assert at.title[0].value == "The four warning signs"
    assert len(statuses(at)) == 4


def test_a_broken_data_file_stops_the_app_with_one_plain_error(data_copy, monkeypatch) -> None:
    folder = data_copy("signs.toml", lambda text: text.replace("threshold = 7", 'threshold = "seven"'))
    monkeypatch.setenv("EXPLAINER_DATA_DIR", str(folder))
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert len(at.error) == 1
    message = at.error[0].value
    assert "signs.toml" in message and "threshold" in message and "intense_prolonged_pain" in message
    assert not at.title  # not half a page


def test_a_broken_glossary_gives_a_plain_error_not_an_exception(data_copy, monkeypatch) -> None:
    folder = data_copy("glossary.toml", lambda text: text.replace("[[terms]]", "[[terms]\n", 1))
    monkeypatch.setenv("EXPLAINER_DATA_DIR", str(folder))
    at = run_page("pages/glossary.py")
    assert not at.exception
    assert len(at.error) == 1
    assert "glossary.toml" in at.error[0].value and "not valid TOML" in at.error[0].value


def _texts(at: AppTest) -> list[str]:
    return [str(getattr(e, "value", "")) for e in flat(at.main)]


def test_a_danger_sign_gives_an_emergency_panel_and_nothing_competes_with_it() -> None:
    at = run_page("pages/warning-signs.py")
    charts_before = [e for e in flat(at.main) if getattr(e, "type", "") == "vega_lite_chart"]
    assert len(charts_before) == 4, "a chart beside each sign's inputs (the all-signs chart waits, closed)"
    at.session_state["stiff_jaw"] = True
    at.run()
    assert not at.exception
    texts = _texts(at)
    assert any(text.startswith("### What to do next: ☎ Emergency") for text in texts)
    assert any("Call 999 now" in text for text in texts)
    assert not any("Other reasons that apply" in text for text in texts)
    # No chart and no explanation competes: the rest is folded away; the inputs stay, to undo a tick made by mistake.
    rest = next(e for e in at.expander if e.label == "The rest of this page is for learning. You do not need it now.")
    charts_now = [e for e in flat(at.main) if getattr(e, "type", "") == "vega_lite_chart"]
    assert charts_now == [e for e in flat(rest) if getattr(e, "type", "") == "vega_lite_chart"]
    assert at.checkbox(key="stiff_jaw").value is True
    at.session_state["stiff_jaw"] = False
    at.run()
    assert not any("Emergency" in text for text in _texts(at)[:5])


def test_the_causes_page_counts_evidence_in_points_never_percentages() -> None:
    at = run_page("pages/causes.py")
    at.session_state["potassium"] = 2.9  # in the danger band: 2 + 2 points, and 2 for the water tablet
    at.session_state["diuretic"] = True
    at.run()
    texts = _texts(at)
    assert any(text.startswith("Stands out: **Electrolyte imbalance**") for text in texts)
    assert any(text.startswith("### Electrolyte imbalance: 6 points of evidence") for text in texts)
    assert not any("% fit" in text for text in texts)


def test_the_about_page_works_the_cause_model_through_one_example() -> None:
    at = run_page("pages/about.py")
    texts = _texts(at)
    assert any(text.startswith("Here is how the app counts the evidence") for text in texts)
    assert any("Low potassium (usual clue, +2)" in text and "Total: **5**" in text for text in texts)
    assert any("stands out" in text for text in texts)
    assert any(text.startswith("It cannot weigh these") for text in texts)


@pytest.mark.parametrize("entry", ROUTER_PAGES, ids=[entry.file for entry in ROUTER_PAGES])
def test_a_page_file_is_named_for_its_url_and_starts_with_the_router_guard(entry: router.PageEntry) -> None:
    """What a server's first link needs (ui/router.py, enter()): Streamlit finds the page's file by its name, and
    the file hands the run to the router before it draws anything."""
    path = ROOT / entry.file
    if entry.url_path:
        assert path.stem == entry.url_path, f"{entry.file} must be named {entry.url_path}.py"
    body = ast.parse(path.read_text(encoding="utf-8")).body
    first = next(node for node in body if not isinstance(node, ast.Import | ast.ImportFrom))
    assert ast.unparse(first) == "router.enter()", f"{entry.file} must start with router.enter()"


# --- issue 17: the advice's words and its place on the page -------------------------------------------------------

DISCLAIMER = "It is not a diagnosis or medical advice."


@pytest.mark.parametrize("page", ["pages/warning-signs.py", "pages/causes.py", "pages/home.py"])
def test_the_emergency_panel_starts_with_a_tap_to_call_999_and_the_disclaimer_comes_after_it(page: str) -> None:
    at = run_page(page, {"stiff_jaw": "true"})
    assert not at.exception
    texts = [text for text in _texts(at) if text]
    call = next(i for i, text in enumerate(texts) if "[Call 999 now](tel:999)" in text)
    assert texts[call].startswith("## ☎ [Call 999 now](tel:999)"), "the action, with its tap-to-call link"
    assert not any("What to do next" in text for text in texts[:call]), "nothing of the panel before the call"
    disclaimers = [i for i, text in enumerate(texts) if DISCLAIMER in text]
    assert disclaimers and min(disclaimers) > call, "the disclaimer only below the action"
    if "## Danger signs: ask these first" in texts:  # ticked: calling 999 comes before the ticks, on a phone too
        assert texts.index("## Danger signs: ask these first") > call


def test_the_urgent_panel_names_the_route_with_links_and_its_source() -> None:
    at = run_page("pages/warning-signs.py", {"twitching": "true"})
    texts = _texts(at)
    action = next(text for text in texts if text.startswith("## What to do next: ⚠ Urgent"))
    assert "[call 111](tel:111)" in action
    assert "[NHS 111 online](https://111.nhs.uk/)" in action
    assert any("[NHS 111](https://neas.nhs.uk/your-service/111)" in text for text in texts)
    assert any(text.startswith("Why: The Merck Manual") for text in texts), "the first reason is in view, not folded"


def test_the_causes_page_shows_the_same_advice_as_the_warning_signs_page() -> None:
    query = {"fluid_loss": "true"}
    advice = [
        next(text for text in _texts(run_page(page, query)) if text.startswith(ADVICE))
        for page in ("pages/warning-signs.py", "pages/causes.py")
    ]
    assert advice[0] == advice[1]
    assert advice[0].startswith("## What to do next: ⚠ Urgent")


def test_the_danger_signs_come_open_before_the_advice_on_the_warning_signs_page() -> None:
    at = run_page("pages/warning-signs.py")
    texts = _texts(at)
    danger = texts.index("## Danger signs: ask these first")
    advice = next(i for i, text in enumerate(texts) if text.startswith(ADVICE))
    assert danger < advice
    message = next(i for i, text in enumerate(texts) if text.startswith("**Most muscle spasms are harmless."))
    assert message < danger, "one main message first"
    assert not any(e.label.startswith("Danger signs") for e in at.expander), "open, not folded"
    assert texts.index("### 1. Intense and prolonged pain") > advice


def test_a_sign_not_crossed_beside_urgent_advice_names_the_rule_that_decided_it() -> None:
    at = run_page("pages/warning-signs.py", {"numbness": "true"})  # Urgent by the Merck Manual, no sign crossed
    assert set(statuses(at).values()) == {"✓ Not crossed"}
    texts = _texts(at)
    card = texts[texts.index("### 4. Abnormal muscle contractions"):]
    note = next(text for text in card if text.startswith("This sign is not crossed."))
    assert "another rule: The Merck Manual says to see a doctor right away for cramps with loss of feeling." in note
    assert "[Merck Manual](" in note


def test_a_crossed_sign_says_what_it_may_mean_and_what_to_tell_the_doctor() -> None:
    at = run_page("pages/warning-signs.py", {"pain": "9", "duration_min": "20"})
    texts = _texts(at)
    card = texts[texts.index("### 1. Intense and prolonged pain"):texts.index("### 2. Frequent and recurring spasms")]
    assert any(text.startswith("**What it may mean:** The article says") for text in card)
    assert any("**What to tell the doctor:**" in text for text in card)
    assert not any(text.startswith("This sign is not crossed.") for text in card)


@pytest.mark.parametrize(
    ("page", "query", "decider"),
    [
        ("pages/warning-signs.py", {"statin": "true"}, "statin"),  # a context box, in the sidebar otherwise
        ("pages/causes.py", {"duration_min": "20"}, "duration_min"),  # a sign's slider, in the sidebar on /causes
    ],
)
def test_what_decided_the_advice_is_beside_it_not_in_the_menu(page: str, query: dict, decider: str) -> None:
    import explainer

    content = explainer.cached_content()
    now = explainer.assess(dict(query.items()) | {decider: True if query[decider] == "true" else float(query[decider])},
                           content)
    assert decider in explainer.assessment.deciding_inputs(now, content)
    at = run_page(page, query)
    assert not at.exception
    in_main = {getattr(e, "key", None) for e in flat(at.main)}
    in_sidebar = {getattr(e, "key", None) for e in flat(at.sidebar)}
    assert decider in in_main and decider not in in_sidebar, "its control is beside the advice, not in the menu"
    texts = _texts(at)
    advice = next(i for i, text in enumerate(texts) if text.startswith(ADVICE))
    control = next(i for i, e in enumerate(flat(at.main)) if getattr(e, "key", None) == decider)
    assert control > advice, "below the advice it decided"
