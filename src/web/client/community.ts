/**
 * The community pages' script (roles and settings): each form becomes one `community` custom_json, signed
 * with the reader's posting key, in the shapes hivemind reads — `["setRole", {community, account, role}]`,
 * `["setUserTitle", {community, account, title}]`, `["updateProps", {community, props}]`. The chain takes
 * any of them; the index then applies or refuses it by the community's rules, so the script reads the
 * result back before saying it worked, and reloads the page to show it.
 */
import { currentName, customJson, goToLogin, send } from "./chain.ts";
import { callRpc } from "./lib/rpc.ts";
import { messageOf, toast } from "./ui.ts";

interface CommunityChange {
  readonly payload: readonly [string, Record<string, unknown>];
  readonly reason: string;
  readonly done: string;
  /** Whether the index now shows the change. */
  applied(): Promise<boolean>;
}

/** Checks the index this many times, this far apart, for a change to show (a block and its indexing). */
const checkAttempts = 12;
const checkIntervalMs = 500;

const field = (form: HTMLFormElement, name: string): string => {
  const element = form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | null;
  // hivemind refuses text with leading or trailing whitespace ("invalid padding").
  return element?.value.trim() ?? "";
};

function roleChange(community: string, account: string, role: string): CommunityChange {
  return {
    payload: ["setRole", { community, account, role }],
    reason: `Setting @${account}'s role`,
    done: role === "muted" ? `@${account} is muted in this community.` : `@${account} is now ${role}.`,
    applied: async () => (await callRpc<{ role: string }>("bridge.get_community_context", { name: community, account })).role === role,
  };
}

function titleChange(community: string, account: string, title: string): CommunityChange {
  return {
    payload: ["setUserTitle", { community, account, title }],
    reason: `Setting @${account}'s title`,
    done: title === "" ? `@${account}'s title is removed.` : `@${account}'s title is now “${title}”.`,
    applied: async () => (await callRpc<{ title: string }>("bridge.get_community_context", { name: community, account })).title === title,
  };
}

function propsChange(form: HTMLFormElement, community: string): CommunityChange {
  let kept: Record<string, unknown> = {};
  try {
    kept = JSON.parse(form.dataset.settings ?? "{}") as Record<string, unknown>;
  } catch {
    kept = {};
  }
  // Other settings keys are kept as they were; both image keys are always sent, so settings is never empty.
  const settings = { ...kept, avatar_url: field(form, "avatar_url"), cover_url: field(form, "cover_url") };
  const props = {
    title: field(form, "title"), about: field(form, "about"), description: field(form, "description"), flag_text: field(form, "flag_text"),
    lang: field(form, "lang"), is_nsfw: (form.elements.namedItem("is_nsfw") as HTMLInputElement | null)?.checked === true,
    type_id: Number(field(form, "type_id") || "1"), settings,
  };
  return {
    payload: ["updateProps", { community, props }],
    reason: "Saving the community's settings",
    done: "The community's settings are saved.",
    applied: async () => {
      const now = await callRpc<{ title: string; about: string; lang: string }>("bridge.get_community", { name: community });
      return now.title === props.title && now.about === props.about && now.lang === props.lang;
    },
  };
}

function changeOfForm(form: HTMLFormElement): CommunityChange | null {
  const community = form.dataset.community ?? "";
  switch (form.dataset.communityForm) {
    case "setRole": return roleChange(community, field(form, "account").replace(/^@/, ""), field(form, "role"));
    case "mute": return roleChange(community, field(form, "account").replace(/^@/, ""), "muted");
    case "setUserTitle": return titleChange(community, field(form, "account").replace(/^@/, ""), field(form, "title"));
    case "updateProps": return propsChange(form, community);
    default: return null;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Signs and sends the change, waits for the index to show it, and reloads; refusals and errors become toasts. */
async function applyChange(change: CommunityChange, control: HTMLElement): Promise<void> {
  const name = currentName();
  if (name === null) return goToLogin();
  control.setAttribute("aria-busy", "true");
  try {
    await send([customJson(name, "community", change.payload)], "posting", change.reason);
    for (let attempt = 0; attempt < checkAttempts; attempt++) {
      if (await change.applied()) {
        toast(change.done);
        await sleep(800);
        location.reload();
        return;
      }
      await sleep(checkIntervalMs);
    }
    toast("The change was sent but the community's rules refused it (a role at or above yours, or an invalid value). Your notifications say why.", "error");
  } catch (error) {
    toast(messageOf(error), "error");
  } finally {
    control.removeAttribute("aria-busy");
  }
}

document.addEventListener("submit", (event) => {
  const form = (event.target as Element).closest<HTMLFormElement>("form[data-community-form]");
  if (form === null) return;
  event.preventDefault();
  const change = changeOfForm(form);
  if (change !== null) void applyChange(change, form.querySelector<HTMLElement>("[type=submit]") ?? form);
});

document.addEventListener("click", (event) => {
  const button = (event.target as Element).closest<HTMLElement>('[data-community-action="set-role"]');
  if (button === null) return;
  event.preventDefault();
  const { community = "", account = "", role = "guest" } = button.dataset;
  void applyChange(roleChange(community, account, role), button);
});
