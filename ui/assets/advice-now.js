// Says the new advice in a polite live region when it changes ("Now: See a doctor"), as PhET's describe mode does
// (ui/advice.py mounts this inside the advice's live part, with the words from data/pages.toml). The region is one
// element of the page's own, outside Streamlit's tree, so it stays while the advice is redrawn, and a screen reader
// hears each change once. The first advice of a visit is read with the page; it is not said again.
export default function ({ data }) {
  let region = document.getElementById("advice-now");
  if (!region) {
    region = document.createElement("div");
    region.id = "advice-now";
    region.className = "sr-only";
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    region.setAttribute("aria-atomic", "true");
    document.body.appendChild(region);
  }
  const said = window.__adviceNow;
  window.__adviceNow = data.now;
  if (said !== undefined && said !== data.now) region.textContent = data.now;
}
