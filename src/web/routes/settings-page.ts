/**
 * `/@user/settings`, for the account's owner only: the public profile (display name, about, location,
 * website, avatar and cover images, with uploads), saved on chain by the page's script with account_update2
 * and the posting key; the preferences this browser keeps (NSFW posts, default rewards of new posts); and
 * what the session is. Anyone else is asked to log in, or told these settings are not theirs.
 */
import type { ProfileFieldName, ProfileFields } from "../client/lib/profile-fields.ts";
import { profileLengthMax } from "../client/lib/profile-fields.ts";
import { type Html, html } from "../html.ts";
import type { PageContext, PageResult, PageView } from "../page.ts";
import { WebApiError } from "../web-api.ts";

interface BridgeProfileAnswer {
  readonly metadata?: { readonly profile?: Partial<ProfileFields> };
}

interface TextFieldOptions {
  readonly name: ProfileFieldName;
  readonly label: string;
  readonly type: "text" | "url";
  readonly hint?: string;
  readonly upload?: boolean;
}

function textField(profile: Partial<ProfileFields>, options: TextFieldOptions): Html {
  const id = `profile-${options.name}`;
  const upload = options.upload === true
    ? html`<button type="button" class="button button-quiet" data-upload-for="${options.name}">Upload</button><input type="file" accept="image/jpeg,image/png,image/gif,image/webp" data-upload-input="${options.name}" hidden>`
    : "";
  return html`<div>
  <label for="${id}">${options.label}</label>
  <div class="form-row"><input id="${id}" name="${options.name}" type="${options.type}" maxlength="${profileLengthMax[options.name]}" value="${profile[options.name] ?? ""}" autocomplete="off" aria-describedby="${id}-error${options.hint ? html` ${id}-hint` : ""}">${upload}</div>
  ${options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : ""}
  <p class="field-error" id="${id}-error" data-field-error="${options.name}" aria-live="polite"></p>
</div>`;
}

function profileSection(owner: string, profile: Partial<ProfileFields>): Html {
  return html`<section class="panel" aria-labelledby="profile-heading">
  <h2 id="profile-heading">Public profile</h2>
  <p>Everyone sees these on your profile and next to your posts. Saving signs a profile update with your posting key.</p>
  <form class="form" data-profile-form data-account="${owner}" novalidate>
    ${textField(profile, { name: "name", label: "Display name", type: "text" })}
    ${textField(profile, { name: "about", label: "About", type: "text", hint: "A line about you, up to 160 characters." })}
    ${textField(profile, { name: "location", label: "Location", type: "text" })}
    ${textField(profile, { name: "website", label: "Website", type: "url", hint: "Starting with https://" })}
    ${textField(profile, { name: "profile_image", label: "Profile picture URL", type: "url", upload: true, hint: "A square image looks best." })}
    ${textField(profile, { name: "cover_image", label: "Cover image URL", type: "url", upload: true, hint: "A wide image, shown behind your name." })}
    <p class="error" data-form-error role="alert" hidden></p>
    <div class="form-row"><button class="button" type="submit">Save profile</button></div>
  </form>
</section>`;
}

function choice(group: string, value: string, label: string): Html {
  return html`<div class="form-row choice"><input type="radio" id="${group}-${value}" name="${group}" value="${value}"><label for="${group}-${value}">${label}</label></div>`;
}

function preferencesSection(): Html {
  return html`<section class="panel" aria-labelledby="preferences-heading">
  <h2 id="preferences-heading">Preferences</h2>
  <p>Kept in this browser only: another browser or device starts from the defaults.</p>
  <form class="form" data-preferences-form novalidate>
    <fieldset><legend>Posts marked NSFW</legend>
      ${choice("nsfw", "hide", "Hide them")}
      ${choice("nsfw", "warn", "Show a warning first (default)")}
      ${choice("nsfw", "show", "Show them")}
    </fieldset>
    <fieldset><legend>Rewards of new posts</legend>
      ${choice("payout", "50", "50% SBD and 50% Steem Power (default)")}
      ${choice("payout", "100", "100% Steem Power")}
      ${choice("payout", "0", "Decline payout")}
    </fieldset>
    <p class="hint" data-preferences-status role="status"></p>
  </form>
</section>`;
}

function sessionSection(): Html {
  return html`<section class="panel" aria-labelledby="session-heading">
  <h2 id="session-heading">Session</h2>
  <p data-session-status>Your keys stay in this browser: the site never receives them.</p>
  <p>Logging out here forgets your login and every key this tab holds. A login you asked to be remembered is shared by this browser's tabs: logging out in one ends it for the others from the next page they load. A login that is not remembered lasts only as long as its tab. Other browsers and devices keep their own logins.</p>
  <p><button type="button" class="button button-quiet" data-action="logout">Log out</button></p>
</section>`;
}

function notYours(observer: string): PageView {
  return {
    title: "Not your settings",
    status: 403,
    noindex: true,
    main: html`<section class="error-page">
  <h1>Not your settings</h1>
  <p>You can only change your own settings.</p>
  <p><a href="/@${observer}/settings">Go to your settings</a></p>
</section>`,
  };
}

/** Serves the settings (params: [account]). */
export async function settingsPage(context: PageContext): Promise<PageResult> {
  const owner = context.params[0];
  if (context.observer === null) return { redirect: `/login.html?next=${encodeURIComponent(context.url.pathname)}`, status: 302 };
  if (context.observer !== owner) return notYours(context.observer);
  // An index still catching up may not know a brand-new account yet: the form then starts empty.
  const answer = await context.api.call<BridgeProfileAnswer | null>("bridge.get_profile", { account: owner }).catch((error: unknown) => {
    if (error instanceof WebApiError) return null;
    throw error;
  });
  const profile = answer?.metadata?.profile ?? {};
  return {
    title: "Settings",
    noindex: true,
    scripts: ["settings"],
    main: html`<div class="settings" data-settings="${owner}">
  <header><h1>Settings</h1>
  <nav class="tabs" aria-label="Account"><a href="/@${owner}">Blog</a><a href="/@${owner}/wallet">Wallet</a><a href="/@${owner}/settings" aria-current="page">Settings</a></nav></header>
  ${profileSection(owner, profile)}
  ${preferencesSection()}
  ${sessionSection()}
</div>`,
  };
}
