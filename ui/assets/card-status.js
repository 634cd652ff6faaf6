// One story while dragging (issue 20): a sign's plane follows its slider in the browser (ui/follow.py), but the
// card's status ("✓ Not crossed") is the server's and waits for the rerun. So from the moment a slider in a sign's
// card moves until the server has answered, the card's status says "Updating…" instead (and is marked busy): the
// plane is then the one answer on screen. The server's answer puts the status back.
export default function ({ data }) {
  window.__cardStatusWords = data.updating;
  if (window.__cardStatus) return;
  window.__cardStatus = true;
  let pointerDown = false;
  // A card's parts that say the server's answer: its status, and its reason and note (ui/updating.py keys).
  const answersOf = (input) => {
    const card = input.closest('[class*="st-key-sign-"]');
    return card ? [...card.querySelectorAll('[class*="st-key-card-"]')] : [];
  };
  const mark = (answers) => {
    for (const answer of answers) {
      const status = /st-key-card-status-/.test(answer.className);
      answer.setAttribute("data-updating", status ? window.__cardStatusWords : "");
      answer.setAttribute("aria-busy", "true");
    }
  };
  const idle = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    return !pointerDown && (!app || app.getAttribute("data-test-script-state") !== "running");
  };
  const clear = () => {
    if (!idle()) return;
    for (const answer of document.querySelectorAll("[data-updating]")) {
      answer.removeAttribute("data-updating");
      answer.removeAttribute("aria-busy");
    }
  };
  let later = null;
  const clearSoon = (ms) => { clearTimeout(later); later = setTimeout(clear, ms); };
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.attributeName === "aria-valuetext" && record.target.type === "range") {
        const answers = answersOf(record.target);
        if (answers.length && record.oldValue !== record.target.getAttribute("aria-valuetext")) {
          mark(answers);
          clearSoon(3000);  // a value the server set itself (a link, Reset) is answered by the run that set it
        }
      } else if (record.attributeName === "data-test-script-state" && record.oldValue === "running") {
        clearSoon(0);  // the server has answered: its status is on the card
      }
    }
  }).observe(document.body, {
    subtree: true, attributes: true, attributeOldValue: true,
    attributeFilter: ["aria-valuetext", "data-test-script-state"],
  });
  document.addEventListener("pointerdown", () => { pointerDown = true; }, true);
  document.addEventListener("pointerup", () => { pointerDown = false; clearSoon(3000); }, true);
}
