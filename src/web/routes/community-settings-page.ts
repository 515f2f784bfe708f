/**
 * `/community-settings/<community>`: for its admins and owner, the community's settings — title, about,
 * description, rules, language, type, NSFW, avatar and cover — in one form the community client script
 * sends as hivemind's `updateProps` custom_json. Others are told who may change them.
 */
import {
  communityAboutLengthMax, communityDescriptionLengthMax, communityFlagTextLengthMax, communityLanguages, communityTitleLengthMax,
  communityTitleLengthMin, roles,
} from "../../index/rules/communities.ts";
import { communityAdminHeader, loadCommunity, observerRoleId } from "../components/community-admin-header.ts";
import type { BridgeCommunity } from "../components/community-sidebar.ts";
import { type Html, html } from "../html.ts";
import type { PageContext, PageResult } from "../page.ts";

const languageNames = new Intl.DisplayNames(["en"], { type: "language" });

/** Every language hivemind accepts, by English name (the code when the runtime has no name for it). */
const languageOptions: readonly { code: string; name: string }[] = [...communityLanguages]
  .map((code) => ({ code, name: languageNames.of(code) ?? code }))
  .sort((a, b) => a.name.localeCompare(b.name, "en"));

const communityTypeLabels: readonly [number, string][] = [
  [1, "Topic — anyone may post and comment"],
  [2, "Journal — members post, anyone comments"],
  [3, "Council — only members post and comment"],
];

function settingText(community: BridgeCommunity, key: string): string {
  const value = community.settings?.[key];
  return typeof value === "string" ? value : "";
}

function settingsForm(community: BridgeCommunity): Html {
  const lang = community.lang || "en";
  return html`<form class="form" data-community-form="updateProps" data-community="${community.name}" data-settings="${JSON.stringify(community.settings ?? {})}">
  <div><label for="props-title">Title</label><input id="props-title" name="title" type="text" required minlength="${communityTitleLengthMin}" maxlength="${communityTitleLengthMax}" value="${community.title}" aria-describedby="props-title-hint">
    <p class="hint" id="props-title-hint">${communityTitleLengthMin} to ${communityTitleLengthMax} characters, not starting with @ or #.</p></div>
  <div><label for="props-about">About</label><input id="props-about" name="about" type="text" maxlength="${communityAboutLengthMax}" value="${community.about}" aria-describedby="props-about-hint">
    <p class="hint" id="props-about-hint">One line under the title, up to ${communityAboutLengthMax} characters.</p></div>
  <div><label for="props-description">Description</label><textarea id="props-description" name="description" maxlength="${communityDescriptionLengthMax}" rows="6">${community.description ?? ""}</textarea></div>
  <div><label for="props-rules">Rules</label><textarea id="props-rules" name="flag_text" maxlength="${communityFlagTextLengthMax}" rows="6" aria-describedby="props-rules-hint">${community.flag_text ?? ""}</textarea>
    <p class="hint" id="props-rules-hint">One rule per line. Readers see them beside the posts, and when they flag a post.</p></div>
  <div><label for="props-lang">Language</label><select id="props-lang" name="lang">${languageOptions.map((option) =>
    html`<option value="${option.code}"${option.code === lang ? html` selected` : ""}>${option.name} (${option.code})</option>`)}</select></div>
  <div><label for="props-type">Who may post</label><select id="props-type" name="type_id">${communityTypeLabels.map(([id, label]) =>
    html`<option value="${id}"${id === community.type_id ? html` selected` : ""}>${label}</option>`)}</select></div>
  <div class="form-row"><input id="props-nsfw" name="is_nsfw" type="checkbox"${community.is_nsfw ? html` checked` : ""}><label for="props-nsfw">Not safe for work: posts here are for adults only</label></div>
  <div><label for="props-avatar">Avatar image URL</label><input id="props-avatar" name="avatar_url" type="url" maxlength="1023" value="${settingText(community, "avatar_url")}" placeholder="https://…"></div>
  <div><label for="props-cover">Cover image URL</label><input id="props-cover" name="cover_url" type="url" maxlength="1023" value="${settingText(community, "cover_url")}" placeholder="https://…"></div>
  <div class="form-row"><button class="button" type="submit">Save settings</button><a class="button button-quiet" href="/trending/${community.name}">Cancel</a></div>
</form>`;
}

/** Serves a community's settings. `params`: [community]. */
export async function communitySettingsPage(context: PageContext): Promise<PageResult> {
  const name = context.params[0];
  if (context.observer === null) return { redirect: `/login.html?next=${encodeURIComponent(context.url.pathname)}`, status: 302 };
  const community = await loadCommunity(context, name);
  const isAdmin = observerRoleId(community) >= roles.admin;
  const heading = `Settings of ${community.title || community.name}`;
  const admins = (community.team ?? []).filter(([, role]) => role === "admin" || role === "owner");
  const refusal = html`<section class="panel" aria-labelledby="page-heading">
  <p>Only the community's admins and owner can change its settings. Your role here is <strong>${community.context?.role ?? "guest"}</strong>.</p>
  ${admins.length === 0 ? "" : html`<p>Ask ${admins.map(([account], i) => html`${i > 0 ? ", " : ""}<a href="/@${account}">@${account}</a>`)}.</p>`}
</section>`;
  const main = html`${communityAdminHeader(community, heading, "settings")}
${isAdmin ? html`<section class="panel" aria-label="Settings form">
  <p class="hint">Saving signs an <code>updateProps</code> operation with your posting key. Everyone sees the new settings once the next block is indexed.</p>
  ${settingsForm(community)}
</section>` : refusal}`;
  return { title: heading, description: `Title, rules, language and type of ${community.title || community.name}.`, canonicalPath: `/community-settings/${community.name}`, main, noindex: true, status: isAdmin ? 200 : 403, scripts: isAdmin ? ["community"] : [] };
}
