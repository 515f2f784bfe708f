/** condenser_api/follow_api followers, following, follow counts and reputations (positional params). */
import type { MethodHandler } from "../methods/method-table.ts";

export const condenserFollowMethods: Record<string, MethodHandler> = {};
