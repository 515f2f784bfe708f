/**
 * The top of a community's own pages besides its lists (roles, subscribers, settings): the community read
 * with the reader's role, a heading naming the page and the community, and tabs between those pages.
 */
import { isCommunityName, type RoleName, roles } from "../../index/rules/communities.ts";
import { type Html, html } from "../html.ts";
import { PageNotFound, type PageContext } from "../page.ts";
import { WebApiError } from "../web-api.ts";
import type { BridgeCommunity } from "./community-sidebar.ts";

export type CommunityAdminTab = "roles" | "subscribers" | "settings";

const notACommunityHint = html`<p>Community names look like <code>hive-123456</code>. <a href="/communities">Browse the communities</a> to find the one you mean.</p>`;

/** The community with the reader's context (role, subscription, title); a helpful 404 when there is none. */
export async function loadCommunity(context: PageContext, name: string): Promise<BridgeCommunity> {
  if (!isCommunityName(name)) throw new PageNotFound(`“${name}” is not a community name`, notACommunityHint);
  return context.api.call<BridgeCommunity>("bridge.get_community", { name, observer: context.observer ?? undefined }).catch((error) => {
    if (error instanceof WebApiError) throw new PageNotFound(`There is no community ${name}`, notACommunityHint);
    throw error;
  });
}

/** The reader's role id in the community (guest when logged out or without a role). */
export function observerRoleId(community: BridgeCommunity): number {
  const role = community.context?.role ?? "guest";
  return Object.hasOwn(roles, role) ? roles[role as RoleName] : roles.guest;
}

/** The heading and tabs; the settings tab shows only to admins and the owner, who alone may change them. */
export function communityAdminHeader(community: BridgeCommunity, heading: string, active: CommunityAdminTab): Html {
  const isAdmin = observerRoleId(community) >= roles.admin;
  const tab = (key: CommunityAdminTab, label: string, path: string) => html`<a href="${path}"${key === active ? html` aria-current="page"` : ""}>${label}</a>`;
  return html`<header class="community-header">
  <p><a href="/trending/${community.name}">← ${community.title || community.name}</a></p>
  <h1 id="page-heading">${heading}</h1>
  ${community.about ? html`<p>${community.about}</p>` : ""}
</header>
<nav class="tabs" aria-label="Community pages">
  <a href="/trending/${community.name}">Posts</a>
  ${tab("roles", "Roles", `/roles/${community.name}`)}
  ${tab("subscribers", "Subscribers", `/subscribers/${community.name}`)}
  ${isAdmin ? tab("settings", "Settings", `/community-settings/${community.name}`) : ""}
</nav>`;
}
