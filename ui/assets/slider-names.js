// Each slider's name once for a screen reader (issue 20). Streamlit 1.67's slider (react-aria) names its
// <input type="range"> by aria-labelledby="<its own id> <its group's id>", and both carry the label as
// aria-label, so the name is read twice ("Worst pain ... Worst pain ..."). Naming the input by itself alone leaves
// one. React sets the attribute only when it renders the slider anew, so a new slider is seen and fixed here too.
export default function () {
  if (window.__sliderNamesOnce) return;
  window.__sliderNamesOnce = true;
  const fix = () => {
    for (const input of document.querySelectorAll('input[type="range"][aria-labelledby]')) {
      if (input.id && input.getAttribute("aria-labelledby") !== input.id) input.setAttribute("aria-labelledby", input.id);
    }
  };
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; fix(); });
  }).observe(document.body, {subtree: true, childList: true});
  fix();
}
