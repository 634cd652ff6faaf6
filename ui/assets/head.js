// Sent with every page (ui/head.py), after head.css. The page's main area is not shown until its first run has
// drawn it whole, then shown at once and never hidden again (head.css: html:not(.explainer-drawn)). Why (issue 20,
// "no jumps"): Streamlit draws a page part by part, in the order its elements arrive and their code loads; each part
// that came late pushed what was drawn before it (0.1-0.9 of layout shift, measured on every page at one time or
// another), and rules that guessed each page's order broke when that order changed.
// Whole means: the run has ended (the router's last element is in the page, or Streamlit says the script stopped
// after it ran), and no element still waits for its code as a placeholder (stSkeleton). After 5 s the main area is
// shown whatever happens (head.css does the same without this script). Reads the page only; sends nothing.
(() => {
  const root = document.documentElement;
  const DRAWN = "explainer-drawn";
  let sawRun = false;
  let observer = null;
  const show = () => {
    root.classList.add(DRAWN);
    if (observer) observer.disconnect();
  };
  const whole = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    const main = document.querySelector('[data-testid="stMain"]');
    if (!app || !main) return false;
    const state = app.getAttribute("data-test-script-state");
    if (state === "running") sawRun = true;
    const ended = document.querySelector(".st-key-slider-names") !== null || (sawRun && state === "notRunning");
    return ended && main.querySelector('[data-testid="stSkeleton"]') === null;
  };
  setTimeout(show, 5000);
  observer = new MutationObserver(() => {
    if (whole()) show();
  });
  observer.observe(document.documentElement, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["data-test-script-state"],
  });
})();
