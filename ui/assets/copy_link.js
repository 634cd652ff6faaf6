// The copy button of the share panel (ui/sharing.py): the Clipboard API where the page is a secure context
// (https, localhost); over plain http on a workshop's local network it is missing, so the older copy command is
// used there. It says what happened in a live region, so a screen reader hears it too.
export default function ({ parentElement, data }) {
  const button = parentElement.querySelector("button");
  const status = parentElement.querySelector('[role="status"]');
  button.textContent = data.label;
  button.onclick = async () => {
    let copied = false;
    try {
      await navigator.clipboard.writeText(data.link);
      copied = true;
    } catch (error) {
      const field = document.createElement("textarea");
      field.value = data.link;
      field.setAttribute("readonly", "");
      field.style.position = "fixed";
      field.style.opacity = "0";
      document.body.appendChild(field);
      field.select();
      try { copied = document.execCommand("copy"); } catch (ignored) { copied = false; }
      field.remove();
      button.focus();
    }
    status.textContent = copied ? data.copied : data.failed;
  };
}
