/**
 * The post page's own actions: inline reply and edit boxes (with preview, drafts and image upload), deleting
 * a comment that Steem still allows to be deleted, and, for the community's moderators, pin/unpin, mute/unmute
 * and flag reports. Moderator buttons appear only for readers whose role in the community allows them.
 */
import { customJson, currentName, goToLogin, send } from "./chain.ts";
import { containsSecret, createCommentOperations, createReplyPermlink } from "./compose.ts";
import { wireDraft, wireImageUpload, wirePreview } from "./draft-tools.ts";
import { callRpc } from "./lib/rpc.ts";
import { messageOf, openDialog, toast } from "./ui.ts";

interface ContentRow {
  readonly category: string;
  readonly title: string;
  readonly body: string;
  readonly parent_author: string;
  readonly parent_permlink: string;
  readonly json_metadata: string;
}

function slotFor(button: HTMLElement): HTMLElement {
  const holder = button.closest("[data-post]")!;
  let slot = holder.querySelector<HTMLElement>(":scope > .reply-editor-slot, :scope > details > .reply-editor-slot");
  if (slot === null) {
    slot = document.createElement("div");
    slot.className = "reply-editor-slot";
    (button.closest(".reply-footer, .post-footer") ?? button).after(slot);
  }
  return slot;
}

function openComposer(button: HTMLElement, mode: "reply" | "edit"): void {
  const name = currentName();
  if (name === null) return goToLogin();
  const { author = "", permlink = "" } = button.dataset;
  const slot = slotFor(button);
  if (slot.querySelector("form") !== null) {
    slot.querySelector("textarea")?.focus();
    return;
  }
  const id = `compose-${mode}-${author}-${permlink}`.replace(/[^a-z0-9-]/gi, "-");
  slot.innerHTML = `<form class="form reply-form" novalidate>
<label for="${id}">${mode === "reply" ? "Your reply" : "Edit your reply"}</label>
<div class="drop-zone"><textarea id="${id}" name="body" required></textarea></div>
<p class="hint"><span data-draft-status role="status"></span></p>
<div class="preview markdown" aria-live="polite"></div>
<p class="error" role="alert" hidden></p>
<div class="form-row"><button class="button" type="submit">${mode === "reply" ? "Post reply" : "Save"}</button><button class="button button-quiet" type="button" data-cancel>Cancel</button></div></form>`;
  const form = slot.querySelector("form")!;
  const textarea = form.querySelector("textarea")!;
  const error = form.querySelector<HTMLElement>(".error")!;
  const refresh = wirePreview(textarea, form.querySelector(".preview")!);
  wireImageUpload(textarea, form.querySelector(".drop-zone")!, null);
  const draft = wireDraft(`kettle.draft.${name}.${mode}.${author}/${permlink}`, [textarea], form.querySelector("[data-draft-status]"));
  let original: ContentRow | null = null;
  const ready = mode === "edit"
    ? callRpc<ContentRow>("condenser_api.get_content", [author, permlink]).then((row) => {
        original = row;
        textarea.value = row.body;
      })
    : Promise.resolve();
  void ready.then(() => {
    draft.restore();
    refresh();
    textarea.focus();
  });
  form.querySelector("[data-cancel]")!.addEventListener("click", () => {
    slot.replaceChildren();
    button.focus();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    error.hidden = true;
    if (textarea.value.trim() === "") return;
    if (containsSecret(textarea.value)) {
      error.textContent = "This looks like it contains a private key or a master password: remove it.";
      error.hidden = false;
      return;
    }
    const submit = form.querySelector<HTMLButtonElement>("button[type=submit]")!;
    submit.setAttribute("aria-busy", "true");
    const edited = original as ContentRow | null;
    const metadata = edited === null ? {} : (JSON.parse(edited.json_metadata || "{}") as Record<string, unknown>);
    const tags = Array.isArray(metadata.tags) ? (metadata.tags as string[]) : [document.querySelector<HTMLElement>(".post")?.dataset.category ?? ""];
    const operations = createCommentOperations({
      author: name, permlink: edited === null ? createReplyPermlink(author, permlink) : permlink,
      parentAuthor: edited === null ? author : edited.parent_author, parentPermlink: edited === null ? permlink : edited.parent_permlink,
      title: edited?.title ?? "", body: textarea.value, tags: tags.filter(Boolean).slice(0, 5), previousBody: edited?.body, previousMetadata: edited === null ? undefined : metadata,
    });
    send(operations, "posting", mode === "reply" ? "Posting your reply" : "Saving your edit").then(() => {
      draft.clear();
      location.reload();
    }, (reason) => {
      submit.removeAttribute("aria-busy");
      error.textContent = messageOf(reason);
      error.hidden = false;
    });
  });
}

async function moderate(button: HTMLElement, name: string): Promise<void> {
  const { action, author, permlink } = button.dataset;
  const community = button.closest<HTMLElement>("[data-community]")?.dataset.community ?? button.dataset.community ?? "";
  if (action === "flag") {
    const notes = await openDialog("Flag this post", "Tell the community's moderators what is wrong with it. Flags are public.", { confirm: "Flag", field: { label: "Reason", type: "text" } });
    if (notes === null) return;
    await send([customJson(name, "community", ["flagPost", { community, account: author, permlink, notes }])], "posting", "Flagging");
    return toast("Flagged for the moderators.");
  }
  if (action === "pin") {
    const pinned = button.dataset.pinned === "true";
    await send([customJson(name, "community", [pinned ? "unpinPost" : "pinPost", { community, account: author, permlink }])], "posting", pinned ? "Unpinning" : "Pinning");
    button.dataset.pinned = pinned ? "false" : "true";
    button.textContent = pinned ? "Pin" : "Unpin";
    return toast(pinned ? "Unpinned." : "Pinned to the top of the community.");
  }
  const muted = button.dataset.muted === "true";
  const notes = await openDialog(muted ? "Unmute this post" : "Mute this post", muted ? "It will show in the community again." : "It will be hidden from the community's lists. Say why: the note is public.", { confirm: muted ? "Unmute" : "Mute", field: { label: "Note", type: "text" } });
  if (notes === null) return;
  await send([customJson(name, "community", [muted ? "unmutePost" : "mutePost", { community, account: author, permlink, notes }])], "posting", muted ? "Unmuting" : "Muting");
  button.dataset.muted = muted ? "false" : "true";
  button.textContent = muted ? "Mute" : "Unmute";
  toast(muted ? "Unmuted." : "Muted in the community.");
}

async function deleteComment(button: HTMLElement, name: string): Promise<void> {
  const ok = await openDialog("Delete this?", "It will be removed for good. Only posts with no replies and no positive payout can be deleted.", { confirm: "Delete", danger: true });
  if (ok === null) return;
  await send([["delete_comment", { author: name, permlink: button.dataset.permlink }]], "posting", "Deleting");
  toast("Deleted.");
  // A deleted reply leaves its thread; a deleted post leaves nothing at this address: its author's blog.
  const isPagePost = decodeURIComponent(location.pathname).endsWith(`/@${name}/${button.dataset.permlink}`);
  setTimeout(() => (isPagePost ? location.assign(`/@${name}`) : location.reload()), 600);
}

/** Shows moderator buttons to readers whose role in the post's community is mod or above. */
async function showModeratorTools(): Promise<void> {
  const name = currentName();
  const holder = document.querySelector<HTMLElement>(".moderator-actions[data-community]");
  if (name === null || holder === null) return;
  const context = await callRpc<{ role: string }>("bridge.get_community_context", { name: holder.dataset.community, account: name }).catch(() => null);
  if (context !== null && ["mod", "admin", "owner"].includes(context.role)) holder.hidden = false;
}

document.addEventListener("click", (event) => {
  const button = (event.target as Element).closest<HTMLElement>("[data-action]");
  const action = button?.dataset.action ?? "";
  if (button === null || !["reply", "edit", "delete", "pin", "mute-post", "flag"].includes(action)) return;
  if (button.tagName === "A") return;
  event.preventDefault();
  if (action === "reply" || action === "edit") return openComposer(button, action);
  const name = currentName();
  if (name === null) return goToLogin();
  const run = action === "delete" ? deleteComment : moderate;
  button.setAttribute("aria-busy", "true");
  run(button, name).catch((error) => toast(messageOf(error), "error")).finally(() => button.removeAttribute("aria-busy"));
});

void showModeratorTools();
