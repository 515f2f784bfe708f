/**
 * The settings page's script: checks and saves the public profile (account_update2 carrying only
 * posting_json_metadata, which the posting key may sign), uploads avatar and cover images, keeps the
 * browser's preferences as they are chosen, and says how the session is kept.
 */
import { currentName, send } from "./chain.ts";
import { callRpc } from "./lib/rpc.ts";
import { sessionStorageKey } from "./lib/session-store.ts";
import { type ProfileFields, createProfileMetadata, describeProfileProblems, profileFieldNames } from "./lib/profile-fields.ts";
import { messageOf, toast } from "./ui.ts";

/** localStorage keys other scripts read: app.ts the NSFW choice, the editor the default payout. */
const nsfwPreferenceKey = "kettle.nsfw";
const payoutPreferenceKey = "kettle.default-payout";

const preferences: Readonly<Record<string, { key: string; fallback: string }>> = {
  nsfw: { key: nsfwPreferenceKey, fallback: "warn" },
  payout: { key: payoutPreferenceKey, fallback: "50" },
};

function readFields(form: HTMLFormElement): ProfileFields {
  const data = new FormData(form);
  const entries = profileFieldNames.map((name) => [name, String(data.get(name) ?? "")] as const);
  return Object.fromEntries(entries) as Record<(typeof profileFieldNames)[number], string>;
}

function showProblems(form: HTMLFormElement, problems: Partial<Record<string, string>>): boolean {
  let first: HTMLInputElement | null = null;
  for (const name of profileFieldNames) {
    const line = form.querySelector(`[data-field-error="${name}"]`);
    const input = form.querySelector<HTMLInputElement>(`[name="${name}"]`);
    const problem = problems[name];
    if (line !== null) line.textContent = problem ?? "";
    if (problem === undefined) input?.removeAttribute("aria-invalid");
    else {
      input?.setAttribute("aria-invalid", "true");
      first ??= input;
    }
  }
  first?.focus();
  return first !== null;
}

function showFormProblem(form: HTMLFormElement, problem: string | null): void {
  const line = form.querySelector<HTMLElement>("[data-form-error]");
  if (line === null) return;
  line.textContent = problem ?? "";
  line.hidden = problem === null;
}

async function saveProfile(form: HTMLFormElement, account: string): Promise<void> {
  showFormProblem(form, null);
  const fields = readFields(form);
  if (showProblems(form, describeProfileProblems(fields))) return;
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  button?.setAttribute("aria-busy", "true");
  try {
    // The metadata is read afresh so a change made elsewhere since the page loaded is not overwritten.
    const [current] = await callRpc<({ posting_json_metadata?: string; json_metadata?: string } | null)[]>("condenser_api.get_accounts", [[account]]);
    const metadata = createProfileMetadata(current?.posting_json_metadata ?? "", current?.json_metadata ?? "", fields, location.origin);
    await send([["account_update2", { account, json_metadata: "", posting_json_metadata: metadata, extensions: [] }]], "posting", "Saving your profile");
    toast("Your profile is saved.");
  } catch (error) {
    showFormProblem(form, messageOf(error));
  } finally {
    button?.removeAttribute("aria-busy");
  }
}

async function uploadInto(field: HTMLInputElement, file: File, button: HTMLElement): Promise<void> {
  if (!file.type.startsWith("image/")) return toast(`${file.name} is not an image.`, "error");
  button.setAttribute("aria-busy", "true");
  try {
    const [{ uploadImage }, keys, ui] = await Promise.all([import("./lib/sign-buffer.ts"), import("./lib/signing-key.ts"), import("./ui.ts")]);
    keys.setKeyPrompt(ui.askForKey);
    field.value = await uploadImage(file);
    field.dispatchEvent(new Event("input", { bubbles: true }));
    toast("Uploaded. Save the profile to use it.");
  } catch (error) {
    toast(`${file.name}: ${messageOf(error)}`, "error");
  } finally {
    button.removeAttribute("aria-busy");
  }
}

function wireUploads(form: HTMLFormElement): void {
  for (const button of form.querySelectorAll<HTMLElement>("[data-upload-for]")) {
    const name = button.dataset.uploadFor ?? "";
    const picker = form.querySelector<HTMLInputElement>(`[data-upload-input="${CSS.escape(name)}"]`);
    const field = form.querySelector<HTMLInputElement>(`[name="${CSS.escape(name)}"]`);
    if (picker === null || field === null) continue;
    button.addEventListener("click", () => picker.click());
    picker.addEventListener("change", () => {
      const file = picker.files?.[0];
      picker.value = "";
      if (file !== undefined) void uploadInto(field, file, button);
    });
  }
}

function readPreference(group: string): string {
  try {
    return localStorage.getItem(preferences[group].key) ?? preferences[group].fallback;
  } catch {
    return preferences[group].fallback;
  }
}

function wirePreferences(form: HTMLFormElement): void {
  const status = form.querySelector("[data-preferences-status]");
  for (const group of Object.keys(preferences)) {
    const chosen = form.querySelector<HTMLInputElement>(`input[name="${group}"][value="${CSS.escape(readPreference(group))}"]`);
    if (chosen !== null) chosen.checked = true;
  }
  form.addEventListener("change", (event) => {
    const input = event.target as HTMLInputElement;
    const preference = preferences[input.name];
    if (preference === undefined) return;
    try {
      localStorage.setItem(preference.key, input.value);
      if (status !== null) status.textContent = "Saved in this browser.";
    } catch {
      if (status !== null) status.textContent = "This browser does not let the site keep preferences.";
    }
  });
}

function describeSession(): void {
  const line = document.querySelector("[data-session-status]");
  const name = currentName();
  if (line === null || name === null) return;
  let remembered = false;
  try {
    remembered = localStorage.getItem(sessionStorageKey) !== null;
  } catch {
    // no storage: the session cannot be a remembered one
  }
  line.textContent = remembered
    ? `You are logged in as @${name} and remembered on this device until you log out. Your keys stay in this browser.`
    : `You are logged in as @${name} in this tab only. Your keys stay in this browser.`;
}

function start(): void {
  const profile = document.querySelector<HTMLFormElement>("form[data-profile-form]");
  const account = profile?.dataset.account ?? "";
  if (profile !== null) {
    profile.addEventListener("submit", (event) => {
      event.preventDefault();
      // The page was served for the cookie's name; the keys are the session's, which may have changed since.
      if (currentName() === account) void saveProfile(profile, account);
      else showFormProblem(profile, `Log in as @${account} to save this profile.`);
    });
    wireUploads(profile);
  }
  const preferencesForm = document.querySelector<HTMLFormElement>("form[data-preferences-form]");
  if (preferencesForm !== null) wirePreferences(preferencesForm);
  describeSession();
}

start();
