/** bridge notifications. */
import type { MethodHandler } from "../methods/method-table.ts";

export const bridgeNotificationMethods: Record<string, MethodHandler> = {};
