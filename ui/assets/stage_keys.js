// The presenter's keys (ui/stage.py says what each does): a clicker's Page Down and Page Up, the arrows, Space,
// N and P for the next or previous case, B to blank the screen; focus back to the stage after a control is used;
// one browser-history entry per step, answer and case.
export default function (component) {
  const names = (component.data && component.data.names) || {};
  window.__stageNames = names;  // the stage's container key and the link's parameter names (ui/stage.py)
  window.__stageTrigger = component.setTriggerValue;
  window.__stageBlankText = (component.data && component.data.blank) || "";
  const settle = !!(component.data && component.data.settle);
  window.__stageSettled = !settle;  // read by the browser tests: no run of the stage's own is still to come
  if (settle) component.setTriggerValue("settle", true);
  if (window.__stageKeys) return;
  window.__stageKeys = true;

  const stage = () => document.querySelector(`.st-key-${window.__stageNames.stage}`);
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
    return [u.pathname, q.get(window.__stageNames.step) || "1", q.get(window.__stageNames.scenario) || ""].join("|");
  };
  const pushState = history.pushState.bind(history);
  history.pushState = function (state, unused, url) {
    if (url != null && stage() && place(url) === place(location.href)) {
      return history.replaceState(state, unused, url);
    }
    return pushState(state, unused, url);
  };
}
