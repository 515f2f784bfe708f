/**
 * A community's people: `/roles/<community>` — everyone holding a role or title (bridge.list_community_roles),
 * and for its moderators the tools to set a role below their own, set a title, and mute or unmute an
 * account — and `/subscribers/<community>` (bridge.list_subscribers, 100 a page by `?last=`). The forms are
 * worked by the community client script, which signs the `community` custom_json ops hivemind reads.
 */
import { type RoleName, roles } from "../../index/rules/communities.ts";
import { communityAdminHeader, loadCommunity, observerRoleId } from "../components/community-admin-header.ts";
import type { BridgeCommunity } from "../components/community-sidebar.ts";
import { timeAgo } from "../components/format.ts";
import { type Html, html } from "../html.ts";
import type { PageContext, PageResult } from "../page.ts";
import { WebApiError } from "../web-api.ts";

/** Role holders the roles page lists (the API's maximum: a community's team is small). */
export const communityRolesShownMax = 1000;
/** Subscribers per page. */
export const subscribersPageSize = 100;
/** hivemind's longest user title. */
export const userTitleLengthMax = 32;

const roleHelp: Readonly<Record<RoleName, string>> = {
  owner: "everything, and appoints admins",
  admin: "edits the settings and appoints moderators",
  mod: "mutes and pins posts, sets roles below mod and titles",
  member: "may post where only members post (journals and councils)",
  guest: "the default: posts in topics, comments, subscribes, flags",
  muted: "every new post and reply is muted; cannot flag",
};

/** A missing community fails the list too; loadCommunity reports it, with a hint. */
function emptyOnApiError(error: unknown): never[] {
  if (error instanceof WebApiError) return [];
  throw error;
}

/** The roles `actorRole` may hand out: strictly below its own, never owner (hivemind's rule). */
function assignableRoles(actorRole: number): RoleName[] {
  return (Object.keys(roles) as RoleName[]).filter((role) => role !== "owner" && roles[role] < actorRole);
}

function roleRow(community: BridgeCommunity, actorRole: number, [account, role, title]: readonly [string, string, string]): Html {
  const canChange = actorRole >= roles.mod && (roles[role as RoleName] ?? 0) < actorRole;
  const action = !canChange ? ""
    : role === "muted" ? html`<button type="button" class="link-button" data-community-action="set-role" data-community="${community.name}" data-account="${account}" data-role="guest">Unmute</button>`
    : html`<button type="button" class="link-button" data-community-action="set-role" data-community="${community.name}" data-account="${account}" data-role="guest">Remove role</button>`;
  return html`<tr><th scope="row"><a href="/@${account}">@${account}</a></th><td><span class="role-badge">${role}</span></td><td>${title ? html`<span class="author-title">${title}</span>` : ""}</td>${actorRole >= roles.mod ? html`<td>${action}</td>` : ""}</tr>`;
}

function accountField(id: string): Html {
  return html`<div><label for="${id}">Account</label><input id="${id}" name="account" type="text" required maxlength="16" pattern="[a-z][a-z0-9.\\-]{2,15}" autocomplete="off" autocapitalize="none" spellcheck="false" placeholder="name without @"></div>`;
}

/** The moderators' forms: a role, a title, a mute. */
function moderatorTools(community: BridgeCommunity, actorRole: number): Html {
  const assignable = assignableRoles(actorRole);
  return html`<section class="panel" aria-labelledby="tools-heading">
  <h2 id="tools-heading">Moderator tools</h2>
  <p class="hint">Changes are signed with your posting key. Hivemind's rules decide at index time: a refused change does nothing, and your notifications say why.</p>
  <form class="form" data-community-form="setRole" data-community="${community.name}">
    <h3>Set a role</h3>
    ${accountField("role-account")}
    <div><label for="role-role">Role</label><select id="role-role" name="role">${assignable.map((role) => html`<option value="${role}"${role === "member" ? html` selected` : ""}>${role} — ${roleHelp[role]}</option>`)}</select>
      <p class="hint">You can give roles below your own (${community.context?.role ?? "guest"}). Guest removes a role.</p></div>
    <div class="form-row"><button class="button" type="submit">Set role</button></div>
  </form>
  <form class="form" data-community-form="setUserTitle" data-community="${community.name}">
    <h3>Set a title</h3>
    ${accountField("title-account")}
    <div><label for="title-title">Title</label><input id="title-title" name="title" type="text" maxlength="${userTitleLengthMax}" autocomplete="off" aria-describedby="title-hint">
      <p class="hint" id="title-hint">Shown beside their name in this community, up to ${userTitleLengthMax} characters. Leave it empty to remove it.</p></div>
    <div class="form-row"><button class="button" type="submit">Set title</button></div>
  </form>
  <form class="form" data-community-form="mute" data-community="${community.name}">
    <h3>Mute an account</h3>
    ${accountField("mute-account")}
    <p class="hint">Their new posts and replies here are muted from now on (old ones stay as they are). Unmute them from the table above.</p>
    <div class="form-row"><button class="button button-danger" type="submit">Mute</button></div>
  </form>
</section>`;
}

/** Serves a community's roles. `params`: [community]. */
export async function communityRolesPage(context: PageContext): Promise<PageResult> {
  const name = context.params[0];
  const [community, holders] = await Promise.all([
    loadCommunity(context, name),
    context.api.call<[string, string, string][]>("bridge.list_community_roles", { community: name, limit: communityRolesShownMax }).catch(emptyOnApiError),
  ]);
  const actorRole = observerRoleId(community);
  const isModerator = context.observer !== null && actorRole >= roles.mod;
  const heading = `Roles in ${community.title || community.name}`;
  const main = html`${communityAdminHeader(community, heading, "roles")}
<section aria-labelledby="roles-heading">
  <h2 id="roles-heading">Team and roles</h2>
  <p class="hint">Owner, admins and moderators run the community; members may post where only members post; muted accounts' posts are hidden. ${
    context.observer === null ? "" : html`Your role: <strong>${community.context?.role ?? "guest"}</strong>.`}</p>
  ${holders.length === 0 ? html`<div class="empty-state"><p>Nobody holds a role here yet.</p></div>` : html`<div class="table-scroll"><table class="data-table">
    <caption class="visually-hidden">Accounts with a role or title in ${community.title}</caption>
    <thead><tr><th scope="col">Account</th><th scope="col">Role</th><th scope="col">Title</th>${isModerator ? html`<th scope="col">Change</th>` : ""}</tr></thead>
    <tbody>${holders.map((holder) => roleRow(community, isModerator ? actorRole : roles.guest, holder))}</tbody>
  </table></div>`}
</section>
${isModerator ? moderatorTools(community, actorRole) : ""}`;
  return {
    title: heading,
    description: `Who runs ${community.title || community.name}: owner, admins, moderators, members and titles.`,
    canonicalPath: `/roles/${community.name}`,
    main,
    scripts: isModerator ? ["community"] : [],
    noindex: true,
  };
}

/** Serves a community's subscribers. `params`: [community]. */
export async function communitySubscribersPage(context: PageContext): Promise<PageResult> {
  const name = context.params[0];
  const lastParam = context.url.searchParams.get("last") ?? "";
  const last = /^[a-z][a-z0-9.-]{2,15}$/.test(lastParam) ? lastParam : null;
  const [community, subscribers] = await Promise.all([
    loadCommunity(context, name),
    context.api.call<[string, string, string | null, string][]>("bridge.list_subscribers", { community: name, limit: subscribersPageSize, ...(last === null ? {} : { last }) }).catch(emptyOnApiError),
  ]);
  const heading = `Subscribers of ${community.title || community.name}`;
  const next = subscribers.length === subscribersPageSize ? subscribers[subscribers.length - 1][0] : null;
  const main = html`${communityAdminHeader(community, heading, "subscribers")}
<section aria-labelledby="subscribers-heading">
  <h2 id="subscribers-heading">${community.subscribers.toLocaleString("en-US")} ${community.subscribers === 1 ? "subscriber" : "subscribers"}</h2>
  ${subscribers.length === 0 ? html`<div class="empty-state"><p>${last === null ? "Nobody has subscribed yet." : "No more subscribers."}</p></div>` : html`<div class="table-scroll"><table class="data-table">
    <caption class="visually-hidden">Subscribers of ${community.title}, by name</caption>
    <thead><tr><th scope="col">Account</th><th scope="col">Role</th><th scope="col">Title</th><th scope="col">Subscribed</th></tr></thead>
    <tbody>${subscribers.map(([account, role, title, subscribedAt]) => html`<tr><th scope="row"><a href="/@${account}">@${account}</a></th>
      <td>${role === "guest" ? "" : html`<span class="role-badge">${role}</span>`}</td><td>${title ? html`<span class="author-title">${title}</span>` : ""}</td>
      <td>${timeAgo(subscribedAt.replace(" ", "T"), context.now)}</td></tr>`)}</tbody>
  </table></div>`}
  ${last === null && next === null ? "" : html`<nav class="pager" aria-label="Pages">${last === null ? "" : html`<a class="button button-quiet" href="/subscribers/${community.name}">← First page</a>`}
    ${next === null ? "" : html`<a class="button button-quiet" rel="next" href="/subscribers/${community.name}?last=${next}">Next page →</a>`}</nav>`}
</section>`;
  return {
    title: heading,
    description: `The accounts subscribed to ${community.title || community.name}.`,
    canonicalPath: `/subscribers/${community.name}`,
    main,
    noindex: last !== null,
  };
}
