// The phone's anonymous id for the room vote (ui/room.py): random, made here, kept in this browser's
// localStorage, so a reload or a second tab of the same phone answers as the same phone (and replaces its
// answer instead of adding one). It is sent to the app only; it is never in a link.
export default function (component) {
  const KEY = "explainer-room-phone";
  const valid = (id) => typeof id === "string" && /^[A-Za-z0-9_-]{16,64}$/.test(id);
  let id = null;
  try { id = window.localStorage.getItem(KEY); } catch (ignored) { id = null; }
  if (!valid(id)) {
    id = window.__roomPhone;  // no storage (a locked-down browser): one id for this page at least
  }
  if (!valid(id)) {
    const bytes = new Uint8Array(18);
    window.crypto.getRandomValues(bytes);
    id = btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    try { window.localStorage.setItem(KEY, id); } catch (ignored) { /* kept for this page below */ }
  }
  window.__roomPhone = id;
  if (!component.data || component.data.known !== id) component.setStateValue("phone", id);
}
