/** The index-backed methods: bridge, hive, search-api, and the social parts of condenser_api, follow_api and tags_api. */
import type { IndexMethodHandler, MethodHandler, MethodTable } from "../methods/method-table.ts";
import type { IndexContext } from "../ports.ts";
import { bridgeAccountMethods } from "./bridge-accounts.ts";
import { bridgeCommunityMethods } from "./bridge-communities.ts";
import { bridgeNotificationMethods } from "./bridge-notifications.ts";
import { bridgePostMethods } from "./bridge-posts.ts";
import { condenserDiscussionMethods } from "./condenser-discussions.ts";
import { condenserFollowMethods } from "./condenser-follows.ts";
import { hiveMethods } from "./hive-methods.ts";
import { getState } from "./post-state.ts";
import { searchMethods } from "./search-methods.ts";

/** By bare name, positional params (condenser_api, and follow_api/tags_api as jussi maps them). */
export const socialCondenserMethods: Record<string, IndexMethodHandler> = { ...condenserDiscussionMethods, ...condenserFollowMethods };

/** Social condenser methods that also read the chain (get_state's accounts and global properties): only the producer serves them. */
export const socialChainCondenserMethods: Record<string, MethodHandler> = { get_state: getState };

/** By `api.method`, named params. */
export const socialAppbaseMethods: Record<string, IndexMethodHandler> = {
  ...bridgePostMethods, ...bridgeAccountMethods, ...bridgeCommunityMethods, ...bridgeNotificationMethods, ...hiveMethods, ...searchMethods,
};

/** What a process without the chain (`kettle api`) serves itself: every index-only method. */
export function createIndexMethodTable(): MethodTable<IndexContext> {
  return { condenser: new Map(Object.entries(socialCondenserMethods)), appbase: new Map(Object.entries(socialAppbaseMethods)) };
}
