/** The log-in form: checks the secret against the account in the browser, then returns to where the reader was. */
import { getKeychain } from "./lib/keychain.ts";
import { login, loginWithKeychain } from "./lib/session.ts";
import { messageOf } from "./ui.ts";

const form = document.querySelector<HTMLFormElement>("[data-login-form]");
if (form !== null) {
  const error = form.querySelector<HTMLElement>("[data-login-error]")!;
  const nameInput = form.querySelector<HTMLInputElement>("#login-name")!;
  const secretInput = form.querySelector<HTMLInputElement>("#login-secret")!;
  const remember = form.querySelector<HTMLInputElement>("#login-remember")!;
  const keychainButton = form.querySelector<HTMLButtonElement>("[data-keychain-login]")!;
  const next = form.dataset.next ?? "/";
  const fail = (message: string, field: HTMLInputElement) => {
    error.textContent = message;
    error.hidden = false;
    field.setAttribute("aria-invalid", "true");
    field.focus();
  };
  const done = () => {
    location.href = next;
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    error.hidden = true;
    const name = nameInput.value.trim().toLowerCase().replace(/^@/, "");
    if (name === "") return fail("Enter your account name.", nameInput);
    if (secretInput.value === "") return fail("Enter your master password or posting key.", secretInput);
    const submit = form.querySelector<HTMLButtonElement>("button[type=submit]")!;
    submit.setAttribute("aria-busy", "true");
    login(name, secretInput.value, { remember: remember.checked }).then(done, (reason) => {
      submit.removeAttribute("aria-busy");
      fail(messageOf(reason), /account/i.test(messageOf(reason)) ? nameInput : secretInput);
    });
  });
  if (getKeychain() !== null) {
    keychainButton.hidden = false;
    keychainButton.addEventListener("click", () => {
      const name = nameInput.value.trim().toLowerCase().replace(/^@/, "");
      if (name === "") return fail("Enter your account name, then use Keychain.", nameInput);
      loginWithKeychain(name, { remember: remember.checked }).then(done, (reason) => fail(messageOf(reason), nameInput));
    });
  }
}
