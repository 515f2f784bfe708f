/**
 * The wallet's and settings' routes, for the site's route table (src/web/routes/index.ts spreads them in
 * before the post routes, whose `/@account/permlink` form would otherwise take `/@alice/wallet`).
 */
import type { Route } from "../page.ts";
import { settingsPage } from "./settings-page.ts";
import { walletPage } from "./wallet-page.ts";

/** The same account name pattern as the site's other routes. */
const account = "@([a-z][a-z0-9.-]{1,15})";

export const walletRoutes: readonly Route[] = [
  { pattern: new RegExp(`^/${account}/(?:wallet|transfers)/?$`), handler: walletPage },
  { pattern: new RegExp(`^/${account}/settings/?$`), handler: settingsPage },
];
