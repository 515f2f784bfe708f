/**
 * A community's side column on its lists: title and about, subscribe button, subscribers, pending rewards and
 * active posters, the description and rules, the team with roles and titles, and moderators' tools.
 */
import { type Html, html } from "../html.ts";
import { formatCount, plural } from "./format.ts";

export interface BridgeCommunity {
  readonly id: number;
  readonly name: string;
  readonly title: string;
  readonly about: string;
  readonly lang: string;
  readonly type_id: number;
  readonly is_nsfw: boolean;
  readonly subscribers: number;
  readonly sum_pending: number;
  readonly num_pending: number;
  readonly num_authors: number;
  readonly created_at: string;
  readonly description?: string;
  readonly flag_text?: string;
  readonly settings?: Record<string, unknown>;
  readonly context?: { readonly role?: string; readonly subscribed?: boolean; readonly title?: string };
  readonly team?: readonly (readonly [string, string, string])[];
}

/** Roles that may moderate (mute, pin, set roles below their own). */
export const moderatorRoles: ReadonlySet<string> = new Set(["mod", "admin", "owner"]);

/** The subscribe/unsubscribe button (the client script broadcasts the community custom_json). */
export function subscribeButton(community: BridgeCommunity): Html {
  const subscribed = community.context?.subscribed === true;
  return html`<button type="button" class="button ${subscribed ? "button-quiet" : ""}" data-action="subscribe" data-community="${community.name}" data-subscribed="${subscribed ? "true" : "false"}" aria-pressed="${subscribed ? "true" : "false"}">${subscribed ? "Joined" : "Subscribe"}</button>`;
}

function rules(community: BridgeCommunity): Html {
  const lines = (community.flag_text ?? "").split("\n").map((line) => line.trim()).filter(Boolean);
  if (lines.length === 0) return html``;
  return html`<section class="sidebar-section"><h3>Rules</h3><ol>${lines.map((line) => html`<li>${line}</li>`)}</ol></section>`;
}

/** The side column. */
export function communitySidebar(community: BridgeCommunity, observer: string | null): Html {
  const role = community.context?.role ?? "guest";
  const team = community.team ?? [];
  return html`<aside class="sidebar community-sidebar" aria-label="About this community">
  <section class="sidebar-section">
    <h2 class="community-title">${community.title}</h2>
    ${community.about ? html`<p class="community-about">${community.about}</p>` : ""}
    <p class="community-stats"><span><strong>${formatCount(community.subscribers)}</strong> subscribers</span>
      <span><strong>$${formatCount(community.sum_pending)}</strong> pending rewards</span>
      <span><strong>${formatCount(community.num_authors)}</strong> active posters</span></p>
    <p class="community-actions">${subscribeButton(community)}
      <a class="button" href="/submit.html?category=${community.name}">New post</a></p>
    ${observer !== null && role !== "guest" ? html`<p class="community-context">Your role: <strong>${role}</strong>${community.context?.title ? html` · “${community.context.title}”` : ""}</p>` : ""}
  </section>
  ${community.description ? html`<section class="sidebar-section"><h3>Description</h3><p class="community-description">${community.description}</p></section>` : ""}
  ${rules(community)}
  <section class="sidebar-section">
    <h3>Team</h3>
    ${team.length === 0 ? html`<p>No moderators yet.</p>` : html`<ul class="team" role="list">${team.map(([name, teamRole, title]) => html`<li><a href="/@${name}">@${name}</a> <span class="role-badge">${teamRole}</span>${title ? html` <span class="author-title">${title}</span>` : ""}</li>`)}</ul>`}
    <p><a href="/roles/${community.name}">Roles and moderation</a> · <a href="/subscribers/${community.name}">Subscribers</a>${moderatorRoles.has(role) ? html` · <a href="/community-settings/${community.name}">Settings</a>` : ""}</p>
  </section>
  <section class="sidebar-section community-facts"><p>${plural(community.num_pending, "post")} earning · language ${community.lang || "en"}${community.is_nsfw ? " · NSFW" : ""}</p></section>
</aside>`;
}
