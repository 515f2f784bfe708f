/** search-api.find_text. */
import type { MethodHandler } from "../methods/method-table.ts";

export const searchMethods: Record<string, MethodHandler> = {};
