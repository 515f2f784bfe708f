/**
 * The sign-up form: checks the name as it is typed, generates the master password here, makes the reader
 * save and confirm it, sends only the public keys, then logs in with the new posting key.
 */
import { describeAccountNameProblem } from "./lib/account-name.ts";
import { generateMasterPassword } from "./lib/keys.ts";
import { callRpc } from "./lib/rpc.ts";
import { login } from "./lib/session.ts";
import { createAccountKeys, requestAccount } from "./lib/signup.ts";
import { messageOf, toast } from "./ui.ts";

const form = document.querySelector<HTMLFormElement>("[data-signup-form]");
if (form !== null) {
  const nameInput = form.querySelector<HTMLInputElement>("#signup-name")!;
  const status = form.querySelector<HTMLElement>("[data-name-status]")!;
  const passwordStep = form.querySelector<HTMLElement>('[data-step="password"]')!;
  const passwordBox = form.querySelector<HTMLElement>("[data-password]")!;
  const confirmInput = form.querySelector<HTMLInputElement>("#signup-confirm")!;
  const saved = form.querySelector<HTMLInputElement>("#signup-saved")!;
  const error = form.querySelector<HTMLElement>("[data-signup-error]")!;
  let password = "";
  let checked = "";

  const checkName = async (): Promise<boolean> => {
    const name = nameInput.value.trim().toLowerCase();
    const problem = describeAccountNameProblem(name);
    if (problem !== null) {
      status.textContent = problem;
      nameInput.setAttribute("aria-invalid", "true");
      return false;
    }
    const [found] = await callRpc<unknown[]>("condenser_api.lookup_account_names", [[name]]);
    if (found !== null && found !== undefined) {
      status.textContent = `${name} is taken: choose another name.`;
      nameInput.setAttribute("aria-invalid", "true");
      return false;
    }
    status.textContent = `${name} is available.`;
    nameInput.removeAttribute("aria-invalid");
    checked = name;
    return true;
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  nameInput.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => void checkName().catch(() => undefined), 300);
  });
  form.querySelector("[data-generate]")!.addEventListener("click", async () => {
    if (!(await checkName().catch(() => false))) return nameInput.focus();
    nameInput.readOnly = true;
    password = generateMasterPassword();
    passwordBox.textContent = password;
    passwordStep.hidden = false;
    passwordBox.focus();
  });
  form.querySelector("[data-copy-password]")!.addEventListener("click", () => {
    navigator.clipboard.writeText(password).then(() => toast("Password copied. Paste it somewhere safe."), () => toast("Copy it by hand: select the password.", "error"));
  });
  form.querySelector("[data-download-password]")!.addEventListener("click", () => {
    const text = `Account: ${checked}\nMaster password: ${password}\n\nKeep this file safe and private. Anyone with this password controls the account; nobody can recover it for you.\n`;
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    link.download = `${checked}-master-password.txt`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    const fail = (message: string) => {
      error.textContent = message;
      error.hidden = false;
    };
    if (password === "") return fail("Choose a name and continue first.");
    if (confirmInput.value.trim() !== password) return fail("The password you typed does not match: copy it exactly.");
    if (!saved.checked) return fail("Tick the box to confirm you saved your password.");
    const submit = form.querySelector<HTMLButtonElement>("button[type=submit]")!;
    submit.setAttribute("aria-busy", "true");
    try {
      await requestAccount(checked, createAccountKeys(checked, password));
      await login(checked, password, { remember: false });
      location.href = `/@${checked}?welcome=1`;
    } catch (reason) {
      submit.removeAttribute("aria-busy");
      fail(messageOf(reason));
    }
  });
}
