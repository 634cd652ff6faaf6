// On a phone, close the menu after a page is chosen from it (ui/phone_menu.py says why).
export default function ({ data }) {
  if (window.__closeMenuAfterChoice) return;
  window.__closeMenuAfterChoice = true;
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest('[data-testid="stSidebarNav"] a');
    if (!link || window.innerWidth >= data.phoneWidth) return;
    setTimeout(() => {
      const close = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
      if (close) close.click();
    }, 0);
  }, true);
}
