/**
 * The notifications page's script: "Mark all as read" broadcasts the `notify` custom_json hivemind reads
 * (`["setLastRead", {date}]`, signed with the posting key), dated at the chain's head time so that what the
 * reader has seen — and nothing newer — counts as read; then the page and the header badge show it.
 */
import { currentName, customJson, goToLogin, send } from "./chain.ts";
import { callRpc } from "./lib/rpc.ts";
import { messageOf, toast } from "./ui.ts";

/** Marks the page's unread items read and clears the header's unread count. */
function showAllRead(): void {
  for (const item of document.querySelectorAll<HTMLElement>(".notification.unread")) {
    item.classList.remove("unread");
    item.removeAttribute("data-unread");
    item.querySelector("[data-unread-label]")?.remove();
  }
  const badge = document.querySelector<HTMLElement>("[data-unread-count]");
  if (badge !== null) {
    badge.textContent = "";
    badge.hidden = true;
    badge.parentElement?.setAttribute("aria-label", "Notifications");
  }
}

async function markAllRead(button: HTMLButtonElement): Promise<void> {
  const name = currentName();
  if (name === null) return goToLogin();
  if (button.dataset.account !== name) {
    toast(`Only @${button.dataset.account} can mark these notifications read.`, "error");
    return;
  }
  // The head block's time ("2024-11-28T12:00:00", UTC without a zone, as setLastRead takes it).
  const { time } = await callRpc<{ time: string }>("condenser_api.get_dynamic_global_properties", []);
  await send([customJson(name, "notify", ["setLastRead", { date: time }])], "posting", "Marking your notifications read");
  showAllRead();
  button.disabled = true;
  toast("All notifications are marked read.");
}

document.addEventListener("click", (event) => {
  const button = (event.target as Element).closest<HTMLButtonElement>('button[data-action="mark-read"]');
  if (button === null || button.disabled) return;
  event.preventDefault();
  button.setAttribute("aria-busy", "true");
  markAllRead(button)
    .catch((error: unknown) => toast(messageOf(error), "error"))
    .finally(() => button.removeAttribute("aria-busy"));
});
