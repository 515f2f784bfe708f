/**
 * Small accessible UI pieces the page scripts share: toasts in the page's live region, a modal dialog (the
 * native <dialog>, which traps focus and closes on Escape) for confirmations and for asking a key, and
 * closing open dropdowns on Escape or a click elsewhere.
 */

/** Shows a short message in the live region; errors stay longer. */
export function toast(message: string, kind: "info" | "error" = "info"): void {
  const region = document.querySelector("[data-toasts]");
  if (region === null) return;
  const item = document.createElement("div");
  item.className = kind === "error" ? "toast error" : "toast";
  item.textContent = message;
  region.append(item);
  setTimeout(() => item.remove(), kind === "error" ? 9000 : 4000);
}

interface DialogField {
  readonly label: string;
  readonly type: "password" | "text";
  readonly hint?: string;
}

/** A modal with a message, an optional input and two buttons; resolves to the input (or "") or null on cancel. */
export function openDialog(title: string, message: string, options: { confirm: string; field?: DialogField; danger?: boolean }): Promise<string | null> {
  const dialog = document.createElement("dialog");
  dialog.className = "panel dialog";
  dialog.setAttribute("aria-labelledby", "dialog-title");
  const form = document.createElement("form");
  form.method = "dialog";
  form.className = "form";
  const heading = document.createElement("h2");
  heading.id = "dialog-title";
  heading.textContent = title;
  const text = document.createElement("p");
  text.textContent = message;
  form.append(heading, text);
  let input: HTMLInputElement | null = null;
  if (options.field !== undefined) {
    const label = document.createElement("label");
    label.htmlFor = "dialog-input";
    label.textContent = options.field.label;
    input = document.createElement("input");
    input.id = "dialog-input";
    input.type = options.field.type;
    input.autocomplete = "off";
    form.append(label, input);
    if (options.field.hint !== undefined) {
      const hint = document.createElement("p");
      hint.className = "hint";
      hint.textContent = options.field.hint;
      form.append(hint);
    }
  }
  const row = document.createElement("div");
  row.className = "form-row";
  const ok = document.createElement("button");
  ok.className = options.danger ? "button button-danger" : "button";
  ok.value = "ok";
  ok.textContent = options.confirm;
  const cancel = document.createElement("button");
  cancel.className = "button button-quiet";
  cancel.value = "cancel";
  cancel.textContent = "Cancel";
  row.append(ok, cancel);
  form.append(row);
  dialog.append(form);
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => {
      const answer = dialog.returnValue === "ok" ? (input?.value ?? "") : null;
      dialog.remove();
      resolve(answer);
    });
    dialog.showModal();
    (input ?? ok).focus();
  });
}

/** Asks for a key the page does not hold (the library calls this through setKeyPrompt). */
export function askForKey(role: "posting" | "active", reason: string): Promise<string | null> {
  return openDialog(`Your ${role} key`, `${reason} needs your ${role} key. It stays in this page and is never sent anywhere.`, {
    confirm: "Sign",
    field: { label: `${role[0].toUpperCase()}${role.slice(1)} key or master password`, type: "password", hint: "Kept only until you leave this page." },
  });
}

/** Closes open dropdowns (<details class="dropdown|menu">) on Escape and on clicks outside them. */
export function closeDropdownsOnOutsideClick(): void {
  const openOnes = () => document.querySelectorAll<HTMLDetailsElement>("details.dropdown[open], details.menu[open]");
  document.addEventListener("click", (event) => {
    for (const details of openOnes()) if (!details.contains(event.target as Node)) details.open = false;
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    for (const details of openOnes()) {
      details.open = false;
      details.querySelector("summary")?.focus();
    }
  });
}

/** The error's message for a person (library errors carry one already). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
