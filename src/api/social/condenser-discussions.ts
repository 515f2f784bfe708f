/** condenser_api/tags_api discussions, blogs, trending tags and get_state (positional params). */
import type { MethodHandler } from "../methods/method-table.ts";

export const condenserDiscussionMethods: Record<string, MethodHandler> = {};
