// A sign's plane can be pressed or dragged on (issue 20): the visitor's point goes where the pointer is, by setting
// the plane's two SLIDERS, which stay the one control (the keyboard's, the link's, the server's). The plane then
// follows the sliders as ever (follow.js). Loaded by ui/follow.py, which says why.
//
// Each such plane says how its axes draw values, in a hidden box of its own named drag_axes
// (explainer.charts.plane_axes): for x and y, the input, the domain and the scale (linear, or symlog with its
// constant). Only a press on the plot area (the frame's background, or a mark on it) starts a drag, so a finger
// anywhere else scrolls the page. A finger on the plot area moves the point, not the page: Chromium takes no
// touch-action from an SVG's own parts (app.css sets it there for the browsers that do), so a touch that starts
// there is cancelled before it can scroll, by a listener on each plane's own drawing (a touch anywhere else never
// waits for this script).
//
// Streamlit 1.67's slider (React Aria) takes a value from its <input type="range"> on an "input" event without
// telling the server, as during a drag of its thumb; the server hears the value when a drag of the thumb ends. So
// each move sets the range input (with the DOM's own value setter, which React notices, then "input"), and the
// release ends a drag of each slider that changed: a press and a release of a pointer of our own on its thumb,
// which sends the value once. One rerun per slider per release, never one per move.
export default function () {
  if (window.__planeDrag) return;
  window.__planeDrag = true;
  const AXES = "drag_axes";
  const OWN_POINTER = 7331; // the id of the pointer that ends a slider's drag: never one of the visitor's own
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;

  // Where a value sits along an axis, as its scale draws it (symlog: sign(v) log(1 + |v| / c)), and back.
  const forward = (axis, v) => (axis.type === "symlog" ? Math.sign(v) * Math.log1p(Math.abs(v) / axis.constant) : v);
  const back = (axis, t) => (axis.type === "symlog" ? Math.sign(t) * Math.expm1(Math.abs(t)) * axis.constant : t);
  const valueAt = (axis, fraction) => {
    const [low, high] = axis.domain.map((v) => forward(axis, v));
    return back(axis, low + Math.min(1, Math.max(0, fraction)) * (high - low));
  };
  // The slider's own value nearest to it: between its ends, on its steps, written as the slider writes it ("10.5").
  const onSteps = (input, value) => {
    const min = Number(input.min), max = Number(input.max), step = Number(input.step) || 1;
    const snapped = Math.min(max, Math.max(min, min + Math.round((value - min) / step) * step));
    const decimals = (String(input.step).split(".")[1] || "").length;
    return String(Number(snapped.toFixed(decimals)));
  };

  // The plane whose plot area ``target`` is on, with its axes and sliders; else null.
  const planeUnder = (target) => {
    if (!(target instanceof Element)) return null;
    const chart = target.closest('[data-testid="stVegaLiteChart"]');
    const box = chart && chart.querySelector(`.vega-bindings input[name="${AXES}"]`);
    const plot = box && chart.querySelector("svg g.role-frame.root > g > path.background");
    if (!plot || !(target === plot || target.closest("g.role-mark"))) return null;
    let axes;
    try {
      axes = JSON.parse(box.value);
    } catch {
      return null;
    }
    const sliders = {};
    for (const axis of ["x", "y"]) {
      sliders[axis] = document.querySelector(`.st-key-${axes[axis].input} input[type="range"]`);
      if (!sliders[axis] || sliders[axis].disabled) return null; // no slider for it here: the plane stays a picture
    }
    return { plot, axes, sliders };
  };

  let drag = null; // {pointerId, plot, axes, sliders, changed}

  const start = (event) => {
    if (drag || !event.isPrimary || event.button !== 0) return;
    const plane = planeUnder(event.target);
    if (!plane) return;
    drag = { pointerId: event.pointerId, ...plane, changed: new Set() };
    if (event.pointerType === "mouse") event.preventDefault(); // no text selected or image dragged meanwhile
    try {
      plot.ownerSVGElement.setPointerCapture(event.pointerId); // a drag past the plot's edge still counts
    } catch {
      // a pointer already gone: the release ends the drag anyway
    }
    follow(event);
  };

  const follow = (event) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const box = drag.plot.getBoundingClientRect();
    const fraction = { x: (event.clientX - box.left) / box.width, y: (box.bottom - event.clientY) / box.height };
    for (const axis of ["x", "y"]) {
      const input = drag.sliders[axis];
      const value = onSteps(input, valueAt(drag.axes[axis], fraction[axis]));
      if (input.value !== value) {
        setValue.call(input, value);
        input.dispatchEvent(new Event("input", { bubbles: true }));
        drag.changed.add(input);
      }
    }
  };

  const commit = (input) => {
    const options = { bubbles: true, cancelable: true, composed: true, pointerId: OWN_POINTER, pointerType: "mouse",
                      isPrimary: false, button: 0 };
    input.dispatchEvent(new PointerEvent("pointerdown", { ...options, buttons: 1 }));
    document.dispatchEvent(new PointerEvent("pointerup", { ...options, buttons: 0 }));
  };

  const end = (event) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const { changed } = drag;
    drag = null;
    for (const input of changed) commit(input);
  };

  const noScroll = (event) => {
    if (planeUnder(event.target)) event.preventDefault();
  };
  const held = new WeakSet();
  const holdTouches = () => {
    for (const box of document.querySelectorAll(`.vega-bindings input[name="${AXES}"]`)) {
      const drawing = box.closest('[data-testid="stVegaLiteChart"]')?.querySelector("svg");
      if (drawing && !held.has(drawing)) {
        held.add(drawing);
        drawing.addEventListener("touchstart", noScroll, { passive: false });
      }
    }
  };
  let queued = false; // once per batch of changes to the page, in a task of its own (as follow.js)
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    setTimeout(() => { queued = false; holdTouches(); }, 0);
  }).observe(document.body, { subtree: true, childList: true });
  holdTouches();

  document.addEventListener("pointerdown", start, true);
  window.addEventListener("pointermove", follow, true);
  window.addEventListener("pointerup", end, true);
  window.addEventListener("pointercancel", end, true);
}
