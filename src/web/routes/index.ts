/** The site's routes, in the order they are tried; each route file serves one page (condenser's URLs). */
import type { Route } from "../page.ts";
import { extraRoutes } from "./extra-routes.ts";
import { loginPage } from "./login-page.ts";
import { postPage } from "./post-page.ts";
import { rankedPage } from "./ranked-page.ts";
import { signupPage } from "./signup-page.ts";
import { submitPage } from "./submit-page.ts";
import { walletRoutes } from "./wallet-routes.ts";

const account = "@([a-z][a-z0-9.-]{1,15})";
const segment = "([^/]+)";

/** A pattern over the whole path, each group one param. */
function path(pattern: string): RegExp {
  return new RegExp(`^${pattern}/?$`);
}

export const routes: readonly Route[] = [
  ...walletRoutes,
  { pattern: path(""), handler: rankedPage },
  { pattern: path("/login(?:\\.html)?"), handler: loginPage },
  { pattern: path("/(?:signup|pick_account|create_account)"), handler: signupPage },
  { pattern: path("/submit(?:\\.html)?"), handler: submitPage },
  { pattern: path("/(trending|hot|created|payout|payout_comments|promoted|muted)"), handler: rankedPage },
  { pattern: path(`/(trending|hot|created|payout|payout_comments|promoted|muted)/${segment}`), handler: rankedPage },
  { pattern: path(`/${segment}/${account}/${segment}`), handler: postPage },
  {
    pattern: path(`/${account}/(?!(?:blog|posts|comments|replies|payout|feed|followers|following|followed|communities|notifications|wallet|transfers|settings|lists)$)${segment}`),
    // The short form redirects to the canonical path with the category.
    handler: (context) => postPage({ ...context, params: ["", ...context.params] }),
  },
  ...extraRoutes,
];
