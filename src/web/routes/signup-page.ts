/**
 * `/signup` (and condenser's `/pick_account`, `/create_account`): a free account in three steps — choose a
 * name, save the master password the browser generates (shown, downloadable, typed back to confirm), create.
 * Only the public keys derived from it reach the server.
 */
import { html } from "../html.ts";
import type { PageContext, PageResult } from "../page.ts";

export async function signupPage(context: PageContext): Promise<PageResult> {
  if (!context.site.signupOpen) {
    return { title: "Sign up", status: 503, noindex: true, main: html`<section class="panel"><h1>Sign-up is closed</h1><p>This network's operator has not opened free sign-ups. Ask someone with an account to create one for you.</p></section>` };
  }
  return {
    title: "Sign up",
    description: "Create a free account: write, vote and earn.",
    scripts: ["signup"],
    main: html`<section class="panel signup" aria-labelledby="signup-heading">
  <h1 id="signup-heading">Create your account</h1>
  <p>It is free: the network gives new accounts enough Steem Power to post and vote. Upvotes on your posts earn you STEEM.</p>
  <noscript><p class="notice">Sign-up needs JavaScript: your keys are made in this browser, never on the server.</p></noscript>
  <form class="form" data-signup-form novalidate>
    <fieldset data-step="name">
      <legend><strong>1. Choose your account name</strong></legend>
      <label for="signup-name">Account name</label>
      <input id="signup-name" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" maxlength="16" required aria-describedby="signup-name-hint signup-name-status">
      <p class="hint" id="signup-name-hint">3–16 characters: lowercase letters, digits and dashes. It is public and cannot be changed.</p>
      <p class="field-error" id="signup-name-status" data-name-status role="status"></p>
      <button class="button" type="button" data-generate>Continue</button>
    </fieldset>
    <fieldset data-step="password" hidden>
      <legend><strong>2. Save your master password</strong></legend>
      <p>This is the only key to your account and your money. Nobody can recover it for you — not us, not anyone. Save it now.</p>
      <p class="password-box" data-password aria-label="Your master password"></p>
      <div class="form-row"><button class="button button-quiet" type="button" data-copy-password>Copy</button><button class="button button-quiet" type="button" data-download-password>Download as a file</button></div>
      <label for="signup-confirm">Type or paste your master password to confirm you saved it</label>
      <input id="signup-confirm" type="password" autocomplete="new-password" required>
      <div class="form-row"><input id="signup-saved" type="checkbox" required><label for="signup-saved" class="inline-label">I have saved my master password; I understand it cannot be recovered.</label></div>
      <p class="error" data-signup-error role="alert" hidden></p>
      <button class="button" type="submit">Create account</button>
    </fieldset>
  </form>
  <p>Already have an account? <a href="/login.html">Log in</a>.</p>
</section>`,
  };
}
