// Keeps each following chart's own copy of a slider equal to its Streamlit slider (ui/follow.py says why).
export default function () {
  // A copy is the text box Vega draws inside a chart for a parameter named follow_<input>.
  const sync = () => {
    for (const copy of document.querySelectorAll('.vega-bindings input[name^="follow_"]')) {
      const inputId = copy.name.slice("follow_".length);
      const slider = document.querySelector(`.st-key-${inputId} input[type="range"]`);
      if (slider && slider.value !== copy.value) {
        copy.value = slider.value;
        copy.dispatchEvent(new Event("input"));
      }
    }
  };
  // The copies are updated in a task of their own, after the page's pending work: Streamlit sends the move to the
  // server first, and the rest of the page is not slowed (docs/performance-log.md, fifth round).
  let queued = false;
  const later = () => {
    if (queued) return;
    queued = true;
    setTimeout(() => { queued = false; sync(); }, 0);
  };
  if (!window.__followWatching) {
    window.__followWatching = true;
    new MutationObserver(later).observe(document.body, {
      subtree: true, childList: true, attributes: true, attributeFilter: ["aria-valuetext", "value"],
    });
  }
  sync();
}
