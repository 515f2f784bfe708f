/** bridge communities, subscribers, roles and payout stats. */
import type { MethodHandler } from "../methods/method-table.ts";

export const bridgeCommunityMethods: Record<string, MethodHandler> = {};
