/**
 * The reading pages beside the lists and posts — profiles and their tabs, follow lists, notifications,
 * communities and their people and settings, tags, rewards, search, and the welcome and FAQ pages — in the
 * order they are tried. The site's route table (index.ts) spreads these after its own.
 */
import type { Route } from "../page.ts";
import { communitiesPage, accountCommunitiesPage } from "./communities-page.ts";
import { communityRolesPage, communitySubscribersPage } from "./community-roles-page.ts";
import { communitySettingsPage } from "./community-settings-page.ts";
import { followListPage } from "./follow-list-page.ts";
import { notificationsPage } from "./notifications-page.ts";
import { profilePage } from "./profile-page.ts";
import { rewardsPage } from "./rewards-page.ts";
import { searchPage } from "./search-page.ts";
import { faqPage, welcomePage } from "./static-pages.ts";
import { tagsPage } from "./tags-page.ts";

const account = "@([a-z][a-z0-9.-]{1,15})";
const segment = "([^/]+)";

/** A pattern over the whole path, each group one param. */
function path(pattern: string): RegExp {
  return new RegExp(`^${pattern}/?$`);
}

export const extraRoutes: readonly Route[] = [
  { pattern: path(`/${account}`), handler: profilePage },
  { pattern: path(`/${account}/(blog|posts|comments|replies|payout|feed)`), handler: profilePage },
  { pattern: path(`/${account}/(followers|following|followed)`), handler: followListPage },
  { pattern: path(`/${account}/lists/(muted)`), handler: followListPage },
  { pattern: path(`/${account}/notifications`), handler: notificationsPage },
  { pattern: path(`/${account}/communities`), handler: accountCommunitiesPage },
  { pattern: path("/communities"), handler: communitiesPage },
  { pattern: path(`/roles/${segment}`), handler: communityRolesPage },
  { pattern: path(`/subscribers/${segment}`), handler: communitySubscribersPage },
  { pattern: path(`/community-settings/${segment}`), handler: communitySettingsPage },
  { pattern: path("/tags"), handler: tagsPage },
  { pattern: path("/rewards"), handler: rewardsPage },
  { pattern: path("/search"), handler: searchPage },
  { pattern: path("/welcome"), handler: welcomePage },
  { pattern: path("/faq\\.html"), handler: faqPage },
];
