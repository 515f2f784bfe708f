/** bridge profiles, follow lists and relationships. */
import type { MethodHandler } from "../methods/method-table.ts";

export const bridgeAccountMethods: Record<string, MethodHandler> = {};
