// Keeps the room a presenter tab started across a reload of that tab (ui/room.py): the room's code, alias and
// the presenter's secret in this tab's sessionStorage, which no other tab, link or QR code sees.
export default function (component) {
  const KEY = "explainer-room-presenter";
  const data = component.data || {};
  try {
    if (data.save === "") { window.sessionStorage.removeItem(KEY); return; }
    if (data.save) { window.sessionStorage.setItem(KEY, data.save); return; }
    const kept = window.sessionStorage.getItem(KEY);
    if (kept && data.offered !== kept) component.setStateValue("kept", kept);
  } catch (ignored) { /* no storage: a reload forgets the room, which keeps running for the phones */ }
}
