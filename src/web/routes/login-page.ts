/**
 * `/login.html`: log in with the account name and the master password or a private key (the posting key is
 * enough for everything but the wallet), choose whether to be remembered, or use the Keychain extension. The
 * form is checked and signed in the browser: it has no action, and nothing typed into it is ever sent.
 */
import { html } from "../html.ts";
import type { PageContext, PageResult } from "../page.ts";

/** A `next` path to return to after logging in: only a path on this site. */
export function safeNextPath(value: string | null): string {
  return value !== null && /^\/(?!\/)[^\s\\]*$/.test(value) ? value : "/";
}

export async function loginPage(context: PageContext): Promise<PageResult> {
  const next = safeNextPath(context.url.searchParams.get("next"));
  return {
    title: "Log in",
    noindex: true,
    scripts: ["login"],
    main: html`<section class="panel login" aria-labelledby="login-heading">
  <h1 id="login-heading">Log in</h1>
  <p>Your keys never leave this browser: the page checks them against your account's public keys and signs here.</p>
  <form class="form" data-login-form data-next="${next}" autocomplete="on" novalidate>
    <div>
      <label for="login-name">Account name</label>
      <input id="login-name" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="16" placeholder="alice">
    </div>
    <div>
      <label for="login-secret">Master password or private posting key</label>
      <input id="login-secret" name="password" type="password" autocomplete="current-password" required>
      <p class="hint">The posting key is enough to write, vote and follow. The wallet asks for your active key when it needs it.</p>
    </div>
    <div class="form-row"><input id="login-remember" name="remember" type="checkbox"><label for="login-remember" class="inline-label">Remember me on this device</label></div>
    <p class="error" data-login-error role="alert" hidden></p>
    <div class="form-row">
      <button class="button" type="submit">Log in</button>
      <button class="button button-quiet" type="button" data-keychain-login hidden>Log in with Keychain</button>
    </div>
  </form>
  ${context.site.signupOpen ? html`<p>New here? <a href="/signup">Create an account</a> — it is free.</p>` : ""}
</section>`,
  };
}
