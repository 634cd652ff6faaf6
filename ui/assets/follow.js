// Keeps each hidden copy of a slider equal to its Streamlit slider (ui/follow.py says why).
export default function () {
  const copies = window.__followCopies || (window.__followCopies = new Set());
  const sync = () => {
    for (const copy of document.querySelectorAll("input[data-follows]")) copies.add(copy);
    for (const copy of copies) {
      const slider = document.querySelector(`.st-key-${copy.dataset.follows} input[type="range"]`);
      if (slider && slider.value !== copy.value) {
        copy.value = slider.value;
        copy.dispatchEvent(new Event("input"));
      }
      if (!copy.isConnected && copies.size > 100) copies.delete(copy);  // a long visit keeps only recent ones
    }
  };
  // The copies are updated in a task of their own, after the page's pending work: Streamlit sends the move to the
  // server first, and the rest of the page is not slowed (docs/performance.md, fifth round).
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
