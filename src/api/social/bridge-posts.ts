/** bridge post lists, single posts and threads (get_ranked_posts, get_account_posts, get_post, get_discussion, ...). */
import type { MethodHandler } from "../methods/method-table.ts";

export const bridgePostMethods: Record<string, MethodHandler> = {};
