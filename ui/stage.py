"""The presenter's stage in the browser: its look (a 16:9 stage that fits the window) and its keys.

The look: on /present only, the page's root font size is the stage's body type, a share of the stage's width
(``presentation.BODY_TYPE``), and the stage is the largest 16:9 box the window holds. Streamlit sizes its type,
controls and gaps in rem, so everything on the stage grows and shrinks with the window in proportion, and a stage
that fits one window fits them all. Its charts scale themselves to their box (``charts.to_fit_container``).

The keys (a component, inline JavaScript served by the app itself, drawing nothing but a blank screen on demand):
- Right, Page Down and Space press Next; Left and Page Up press Back; N and P load the next or previous case;
  B (or .) blanks the screen, as in slide software. A clicker sends Page Down and Page Up.
- A key a focused control needs keeps working there (arrows on a slider, Space on a tick box, typing in a list);
  Page Down and Page Up always move the stage. After a control is used with the mouse, focus goes back to the
  stage, so the next key press moves the stage and not the control.
- One browser-history entry per step: Streamlit 1.67 pushes an entry for every change of the link from the
  server, so loading a case (its case name, then each input it sets) would leave a trail of half-loaded links
  for Back to walk through. On the stage, an entry that keeps the page, the step and the case replaces the
  current one; a new step or case still gets its own. Showing an answer changes the current entry, so Back from
  the next step comes back to the answer.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from explainer import presentation
from ui import classroom, layout

STAGE = "present-stage"  # the key of the stage's container (ui/layout.py)
KEYS = "present-keys"  # the key of the component; its trigger "key" names a key press the server acts on
CASE_KEYS = ("next_case", "previous_case")

_JS = (
    """
export default function (component) {
  window.__stageTrigger = component.setTriggerValue;
  window.__stageBlankText = (component.data && component.data.blank) || "";
  const settle = !!(component.data && component.data.settle);
  window.__stageSettled = !settle;  // read by the browser tests: no run of the stage's own is still to come
  if (settle) component.setTriggerValue("settle", true);
  if (window.__stageKeys) return;
  window.__stageKeys = true;

  const stage = () => document.querySelector(".st-key-STAGE");
  const press = (key) => {
    const button = document.querySelector(`.st-key-${key} button`);
    if (button && !button.disabled) button.click();
  };
  const typing = (el) => !!el && (el.isContentEditable || el.tagName === "TEXTAREA" || el.tagName === "SELECT"
    || el.getAttribute("role") === "combobox"
    || (el.tagName === "INPUT" && !["checkbox", "radio", "range", "button", "submit"].includes(el.type)));
  const slider = (el) => !!el && (el.type === "range" || el.getAttribute("role") === "slider");
  const activates = (el) => !!el && (["BUTTON", "A", "SUMMARY"].includes(el.tagName)
    || ["checkbox", "radio"].includes(el.type) || el.getAttribute("role") === "switch");
  const backToStage = () => {
    const s = stage();
    if (!s) return;
    s.tabIndex = -1;
    s.focus({ preventScroll: true });
  };

  let blank = null;
  const toggleBlank = () => {
    if (blank) { blank.remove(); blank = null; return; }
    blank = document.createElement("div");
    blank.className = "stage-blank";
    blank.setAttribute("role", "status");
    blank.textContent = window.__stageBlankText;
    blank.style.cssText = "position:fixed;inset:0;z-index:1000000;background:#000;color:#8c8c8c;"
      + "display:flex;align-items:flex-end;justify-content:center;padding:2rem;font-size:0.6rem;";
    document.body.appendChild(blank);
  };

  document.addEventListener("keydown", (event) => {
    if (!stage() || event.altKey || event.ctrlKey || event.metaKey) return;
    const el = document.activeElement;
    const key = event.key;
    let act = null;
    if (key === "PageDown") act = "next";
    else if (key === "PageUp") act = "back";
    else if (typing(el)) return;
    else if (key === " " && !activates(el)) act = "next";
    else if (key === "ArrowRight" && !slider(el)) act = "next";
    else if (key === "ArrowLeft" && !slider(el)) act = "back";
    else if (key === "n" || key === "N") act = "next_case";
    else if (key === "p" || key === "P") act = "previous_case";
    else if (key === "b" || key === "B" || key === ".") act = "blank";
    else if (key === "Escape" && blank) act = "blank";
    if (!act) return;
    event.preventDefault();
    event.stopPropagation();
    if (act === "blank") toggleBlank();
    else if (blank) toggleBlank();  // any other key shows the stage again first
    else if (act === "next") press("present-next");
    else if (act === "back") press("present-back");
    else if (window.__stageTrigger) window.__stageTrigger("key", act);
  }, true);

  // After a control is used with the mouse, focus goes back to the stage, so that the next key moves the stage.
  // Opening a list or the cases panel keeps its focus: the visitor is about to choose in it.
  document.addEventListener("pointerup", (event) => {
    const s = stage();
    const target = event.target;
    if (!s || !target || !target.closest) return;
    const chosen = target.closest('[role="option"], [data-testid="stPopoverBody"] button');
    if (!chosen && (!s.contains(target) || target.closest('[data-baseweb="select"], [data-testid="stPopover"]'))) {
      return;
    }
    setTimeout(backToStage, chosen ? 60 : 0);
  }, true);

  // One history entry per step, answer and case (see ui/stage.py).
  const place = (url) => {
    const u = new URL(url, location.href);
    const q = u.searchParams;
    return [u.pathname, q.get("STEP_PARAM") || "1", q.get("SCENARIO_PARAM") || ""].join("|");
  };
  const pushState = history.pushState.bind(history);
  history.pushState = function (state, unused, url) {
    if (url != null && stage() && place(url) === place(location.href)) {
      return history.replaceState(state, unused, url);
    }
    return pushState(state, unused, url);
  };
}
""".replace("STAGE", STAGE)
    .replace("STEP_PARAM", layout.STEP)
    .replace("SCENARIO_PARAM", classroom.SCENARIO_PARAM)
)

_stage_keys = st.components.v2.component("present_stage_keys", js=_JS)


def keys(blank_text: str, on_case_key: Callable[[str], None], settle: bool = False) -> None:
    """Mount the stage's keys (drawing nothing). ``on_case_key("next_case" | "previous_case")`` runs as a callback,
    before the inputs are made, when N or P is pressed. With ``settle``, the browser asks for one more run at once
    (for the values Streamlit writes into the address bar only on the run after they were set)."""

    def on_key() -> None:
        pressed = st.session_state[KEYS].get("key")
        if pressed in CASE_KEYS:
            on_case_key(pressed)

    _stage_keys(
        key=KEYS, data={"blank": blank_text, "settle": settle}, on_key_change=on_key, on_settle_change=lambda: None
    )


def _box(key: str) -> str:
    """The element a keyed container is laid out by: Streamlit wraps each container in a layout wrapper, which is
    the flex item of its parent."""
    return f"[data-testid='stLayoutWrapper']:has(> .st-key-{key})"


def look() -> None:
    """The stage's look, on this page only (see the module's docstring)."""
    unit = f"min(1vw, {presentation.STAGE_ASPECT:.6f}vh)"  # 1% of the stage's width
    height = f"calc(var(--stage-unit) * {100 / presentation.STAGE_ASPECT:.4f})"
    st.html(
        "<style>"
        # The root font is the stage's body type: everything in rem follows the window.
        f":root {{ --stage-unit: {unit}; }}"
        f"html {{ font-size: calc(var(--stage-unit) * {presentation.BODY_TYPE * 100:.4f}) !important; }}"
        # Nothing but the stage: no sidebar, toolbar or page padding; no page scroll.
        "[data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'], [data-testid='stExpandSidebarButton'],"
        " [data-testid='stToolbar'], [data-testid='stDecoration'], header[data-testid='stHeader']"
        " { display: none !important; }"
        "[data-testid='stMainBlockContainer'] { padding: 0 !important; max-width: none !important; }"
        # The page's invisible parts (styles, the keys) take no room: no gap between them and the stage.
        "[data-testid='stMainBlockContainer'] > [data-testid='stVerticalBlock'] { gap: 0; }"
        f".st-key-{STAGE} [data-testid='stVerticalBlock'], .st-key-{STAGE} {{ gap: 0.3rem; }}"
        # The stage: the largest 16:9 box in the window, in the middle, in three rows: the case and the step, the
        # step's words, inputs and chart (taking what the others leave), and the buttons.
        f"{_box(STAGE)} {{ width: calc(var(--stage-unit) * 100); height: {height}; margin: 0 auto; flex: none; }}"
        f".st-key-{STAGE} {{ height: 100%; padding: 0.4rem 0.8rem; box-sizing: border-box; flex-wrap: nowrap;"
        " color: #000; overflow: hidden; outline: none; }"
        f".st-key-{STAGE} p, .st-key-{STAGE} li {{ font-size: 1rem; line-height: 1.25; }}"
        # Streamlit spaces text with margins in rem, which grow with the type: the stage spaces it with its gaps.
        f".st-key-{STAGE} [data-testid='stMarkdownContainer'] > *, .st-key-{STAGE} [data-testid='stMarkdownContainer']"
        f" p, .st-key-{STAGE} [data-testid='stMarkdownContainer'] ul {{ margin: 0 !important; }}"
        f".st-key-{STAGE} [data-testid='stMarkdownContainer'] {{ margin-bottom: 0 !important; }}"
        f".st-key-{STAGE} h1 {{ font-size: 1.5rem !important; padding: 0 !important; line-height: 1.15; }}"
        f".st-key-{STAGE} h2 {{ font-size: 1.2rem !important; padding: 0 !important; line-height: 1.15; }}"
        f".st-key-{STAGE} [data-testid='stCaptionContainer'], .st-key-{STAGE} [data-testid='stCaptionContainer'] p"
        " { font-size: 0.62rem !important; color: #1a1a1a !important; line-height: 1.25; }"
        ".st-key-present-head [data-testid='stCaptionContainer'] p { font-size: 0.5rem !important; }"
        f"{_box('present-body')} {{ flex: 1 1 0; min-height: 0; }}"
        ".st-key-present-body { height: 100%; flex-wrap: nowrap !important; gap: 1rem; }"
        f"{_box('present-words')} {{ flex: 5 1 0; min-width: 0; }}"
        f"{_box('present-chart')} {{ flex: 7 1 0; min-width: 0; height: 100%; }}"
        ".st-key-present-chart { height: 100%; }"
        ".st-key-present-chart > [data-testid='stElementContainer'] { flex: 1 1 0; min-height: 0; }"
        ".st-key-present-status p, .st-key-present-question p { font-size: 1.3rem !important; font-weight: 700; }"
        # Asking the room: the chart's place holds the prompt, large, until the answer shows.
        f"{_box('present-ask')} {{ flex: 1 1 0; min-height: 0; }}"
        ".st-key-present-ask { height: 100%; justify-content: center; align-items: center; text-align: center;"
        " background: #f0f4f5; }"
        ".st-key-present-ask > * { flex: none !important; width: 100%; margin: auto 0; }"
        ".st-key-present-ask p { font-size: 1.3rem !important; text-align: center; }"
        f"{_box('present-controls')} {{ flex: none; }}"
        ".st-key-present-controls { flex-wrap: nowrap !important; gap: 1.2rem; }"
        ".st-key-present-controls > [data-testid='stLayoutWrapper'] { flex: 1 1 0; min-width: 0; }"
        ".st-key-present-controls [data-testid='stWidgetLabel'] p { font-size: 0.8rem !important; }"
        f"{_box('present-foot')} {{ flex: none; }}"
        ".st-key-present-foot, .st-key-present-more, .st-key-present-nav { flex-wrap: nowrap !important; gap: 0.5rem;"
        " align-items: center; }"
        ".st-key-present-foot button p, .st-key-present-foot [data-testid='stWidgetLabel'] p,"
        " .st-key-present-foot a p, .st-key-present-foot [data-testid='stMarkdownContainer'] p"
        " { font-size: 0.75rem !important; }"
        ".st-key-present-foot button { min-height: 1.5rem; padding: 0 0.6rem; }"
        ".st-key-present-foot button, .st-key-present-foot button * { line-height: 1.2 !important; }"
        ".st-key-link-notes p { font-size: 0.6rem !important; }"
        # The cases panel opens over the stage: smaller type, the cases side by side, scrolling inside if need be.
        "[data-testid='stPopoverBody'] { width: 44rem; max-width: 96vw !important; max-height: 92vh;"
        " overflow-y: auto; padding: 0.5rem 0.7rem !important; }"
        "[data-testid='stPopoverBody'] [data-testid='stVerticalBlock'] { gap: 0.3rem; }"
        "[data-testid='stPopoverBody'] p { font-size: 0.6rem !important; line-height: 1.2; margin: 0 !important; }"
        "[data-testid='stPopoverBody'] [data-testid='stMarkdownContainer'],"
        " [data-testid='stPopoverBody'] [data-testid='stCaptionContainer'] { margin: 0 !important; }"
        # The share panel (ui/sharing.py): the link and its copy button beside the QR code, which is 60 % of the
        # window tall, so the whole code shows without scrolling.
        ".st-key-share-stage { display: grid !important; grid-template-columns: minmax(0, 1fr) auto;"
        " column-gap: 1rem; align-content: start; }"
        ".st-key-share-stage > :last-child { grid-column: 2; grid-row: 1 / span 4; }"
        "[data-testid='stPopoverBody'] button { min-height: 1.2rem; padding: 0.1rem 0.45rem; }"
        "[data-testid='stPopoverBody'] button * { line-height: 1.2 !important; }"
        "[data-testid='stPopoverBody'] summary { padding: 0.25rem 0.5rem; }"
        "[data-testid='stPopoverBody'] [data-testid='stHorizontalBlock'] { gap: 0.25rem; }"
        # A window much taller than wide (a phone) gets no slide: the page keeps phone-sized type and scrolls.
        f"@media (max-aspect-ratio: 1/1) {{ html {{ font-size: 16px !important; }}"
        f" {_box(STAGE)} {{ width: 100%; height: auto; }} {_box('present-body')} {{ flex: none; }}"
        f" .st-key-{STAGE} {{ height: auto; overflow: visible; }}"
        " .st-key-present-body, .st-key-present-controls, .st-key-present-foot, .st-key-present-more"
        " { flex-wrap: wrap !important; }"
        f" {_box('present-words')}, {_box('present-chart')} {{ flex: 1 1 100%; }}"
        f" {_box('present-controls')} > *, .st-key-present-controls > [data-testid='stLayoutWrapper']"
        " { flex: 1 1 100%; }"
        f" .st-key-{STAGE} [data-testid='stCaptionContainer'] p {{ font-size: 0.8rem !important; }}"
        f" .st-key-present-body {{ height: auto; }} {_box('present-chart')} {{ height: 80vw; }} }}"
        "</style>"
    )
