/** The index-backed methods: bridge, hive, search-api, and the social parts of condenser_api, follow_api and tags_api. */
import type { MethodHandler } from "../methods/method-table.ts";
import { bridgeAccountMethods } from "./bridge-accounts.ts";
import { bridgeCommunityMethods } from "./bridge-communities.ts";
import { bridgeNotificationMethods } from "./bridge-notifications.ts";
import { bridgePostMethods } from "./bridge-posts.ts";
import { condenserDiscussionMethods } from "./condenser-discussions.ts";
import { condenserFollowMethods } from "./condenser-follows.ts";
import { hiveMethods } from "./hive-methods.ts";
import { searchMethods } from "./search-methods.ts";

/** By bare name, positional params (condenser_api, and follow_api/tags_api as jussi maps them). */
export const socialCondenserMethods: Record<string, MethodHandler> = { ...condenserDiscussionMethods, ...condenserFollowMethods };

/** By `api.method`, named params. */
export const socialAppbaseMethods: Record<string, MethodHandler> = {
  ...bridgePostMethods, ...bridgeAccountMethods, ...bridgeCommunityMethods, ...bridgeNotificationMethods, ...hiveMethods, ...searchMethods,
};
