/**
 * The script every page loads: it shows what belongs to the logged-in reader (owner actions, the unread
 * notifications count), and makes the page's buttons work — votes, reblog, follow and mute, community
 * subscriptions, log out, copy link — plus the reader's NSFW preference and click-to-load videos.
 * The page is whole without it; signing code loads only when an action needs it.
 */
import { callRpc } from "./lib/rpc.ts";
import { clearStoredSession } from "./lib/session-store.ts";
import { currentName, customJson, goToLogin, send } from "./chain.ts";
import { closeDropdownsOnOutsideClick, messageOf, openDialog, toast } from "./ui.ts";
import { wireVoteButtons } from "./vote.ts";

type ActionHandler = (button: HTMLElement, name: string) => Promise<void>;

async function reblog(button: HTMLElement, name: string): Promise<void> {
  const { author, permlink } = button.dataset;
  if (author === name) return toast("You cannot reblog your own post.", "error");
  const ok = await openDialog("Reblog this post?", "It will appear on your blog and in your followers' feeds. A reblog cannot be undone.", { confirm: "Reblog" });
  if (ok === null) return;
  await send([customJson(name, "follow", ["reblog", { account: name, author, permlink }])], "posting", "Reblogging");
  button.textContent = "↻ Reblogged";
  button.setAttribute("disabled", "");
  toast("Reblogged to your blog.");
}

async function follow(button: HTMLElement, name: string): Promise<void> {
  const { account, state } = button.dataset;
  const what = state === "follow" ? [] : ["blog"];
  await send([customJson(name, "follow", ["follow", { follower: name, following: account, what }])], "posting", what.length === 0 ? "Unfollowing" : "Following");
  button.dataset.state = what.length === 0 ? "none" : "follow";
  button.textContent = what.length === 0 ? "Follow" : "Unfollow";
  toast(what.length === 0 ? `You no longer follow @${account}.` : `You follow @${account}.`);
}

async function mute(button: HTMLElement, name: string): Promise<void> {
  const { account, state } = button.dataset;
  const what = state === "mute" ? [] : ["ignore"];
  await send([customJson(name, "follow", ["follow", { follower: name, following: account, what }])], "posting", what.length === 0 ? "Unmuting" : "Muting");
  button.dataset.state = what.length === 0 ? "none" : "mute";
  button.textContent = what.length === 0 ? "Mute" : "Unmute";
  toast(what.length === 0 ? `@${account} is no longer muted.` : `@${account} is muted: their posts and replies are hidden from you.`);
}

async function subscribe(button: HTMLElement, name: string): Promise<void> {
  const { community, subscribed } = button.dataset;
  const leaving = subscribed === "true";
  await send([customJson(name, "community", [leaving ? "unsubscribe" : "subscribe", { community }])], "posting", leaving ? "Leaving the community" : "Joining the community");
  button.dataset.subscribed = leaving ? "false" : "true";
  button.setAttribute("aria-pressed", leaving ? "false" : "true");
  button.textContent = leaving ? "Subscribe" : "Joined";
  toast(leaving ? "You left the community." : "You joined the community.");
}

const signedActions: Record<string, ActionHandler> = { reblog, follow, mute, subscribe };

async function runAction(button: HTMLElement, action: string): Promise<void> {
  if (action === "logout") {
    clearStoredSession();
    location.href = "/";
    return;
  }
  if (action === "copy-link") {
    await navigator.clipboard.writeText(button.dataset.url ?? location.href).then(() => toast("Link copied."), () => toast("Could not copy the link.", "error"));
    return;
  }
  const handler = signedActions[action];
  if (handler === undefined) return;
  const name = currentName();
  if (name === null) return goToLogin();
  button.setAttribute("aria-busy", "true");
  try {
    await handler(button, name);
  } catch (error) {
    toast(messageOf(error), "error");
  } finally {
    button.removeAttribute("aria-busy");
  }
}

function wireActions(): void {
  document.addEventListener("click", (event) => {
    const button = (event.target as Element).closest<HTMLElement>("[data-action]");
    if (button === null || !((button.dataset.action ?? "") in signedActions || ["logout", "copy-link"].includes(button.dataset.action ?? ""))) return;
    event.preventDefault();
    void runAction(button, button.dataset.action ?? "");
  });
}

/** Shows owner-only controls and the unread count for the logged-in reader. */
function showReaderParts(): void {
  const name = currentName();
  if (name === null) return;
  for (const element of document.querySelectorAll<HTMLElement>(`[data-owner="${CSS.escape(name)}"]`)) element.hidden = false;
  const badge = document.querySelector<HTMLElement>("[data-unread-count]");
  if (badge === null) return;
  callRpc<{ unread: number }>("bridge.unread_notifications", { account: name }).then((result) => {
    badge.textContent = result.unread > 99 ? "99+" : String(result.unread);
    badge.hidden = result.unread === 0;
    badge.parentElement?.setAttribute("aria-label", `Notifications, ${result.unread} unread`);
  }, () => undefined);
}

/** The reader's NSFW preference: hide the posts, warn (the default stub), or show them open. */
function applyNsfwPreference(): void {
  const preference = localStorage.getItem("kettle.nsfw") ?? "warn";
  for (const card of document.querySelectorAll<HTMLElement>("[data-nsfw]")) {
    if (preference === "hide") card.remove();
    else if (preference === "show") card.querySelector("details")?.setAttribute("open", "");
  }
}

/** Click-to-load videos: the placeholder's link becomes the player only when the reader asks for it. */
function wireVideoEmbeds(): void {
  document.addEventListener("click", (event) => {
    const wrapper = (event.target as Element).closest<HTMLElement>(".videoWrapper[data-embed-provider]");
    if (wrapper === null) return;
    const { embedProvider, embedId = "" } = wrapper.dataset;
    const src = embedProvider === "youtube" && /^[A-Za-z0-9_-]{6,20}$/.test(embedId) ? `https://www.youtube.com/embed/${embedId}?autoplay=1`
      : embedProvider === "vimeo" && /^\d{1,15}$/.test(embedId) ? `https://player.vimeo.com/video/${embedId}?autoplay=1` : null;
    if (src === null) return;
    event.preventDefault();
    const frame = document.createElement("iframe");
    frame.src = src;
    frame.title = embedProvider === "youtube" ? "YouTube video" : "Vimeo video";
    frame.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
    frame.setAttribute("allowfullscreen", "");
    wrapper.replaceChildren(frame);
  });
}

closeDropdownsOnOutsideClick();
wireActions();
wireVoteButtons();
showReaderParts();
applyNsfwPreference();
wireVideoEmbeds();
