/**
 * The wallet's forms, one native `<dialog>` each (closed, so invisible, until the owner's script opens
 * it): labelled fields, a line saying how much is available, an error line per field and one for the
 * form, all announced as they change. The forms have no action: the script checks, confirms and signs.
 */
import { type Html, html } from "../html.ts";

interface FieldOptions {
  readonly form: string;
  readonly name: "to" | "amount" | "memo";
  readonly label: string;
  readonly hint?: string;
  readonly placeholder?: string;
}

function fieldError(form: string, name: string): Html {
  return html`<p class="field-error" id="wallet-${form}-${name}-error" data-field-error="${name}" aria-live="polite"></p>`;
}

function recipientField(options: FieldOptions): Html {
  const id = `wallet-${options.form}-${options.name}`;
  return html`<div>
  <label for="${id}">${options.label}</label>
  <input id="${id}" name="to" type="text" autocomplete="off" autocapitalize="none" spellcheck="false" maxlength="17" placeholder="${options.placeholder ?? ""}" aria-describedby="${id}-error${options.hint ? html` ${id}-hint` : ""}">
  ${options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : ""}
  ${fieldError(options.form, "to")}
</div>`;
}

/** The amount, with the token chooser when the form offers STEEM and SBD, else the fixed unit in a hidden field. */
function amountField(form: string, unit: "STEEM" | "SBD" | "SP" | "choice"): Html {
  const id = `wallet-${form}-amount`;
  const chooser = unit === "choice"
    ? html`<label class="visually-hidden" for="wallet-${form}-symbol">Token</label><select id="wallet-${form}-symbol" name="symbol"><option value="STEEM">STEEM</option><option value="SBD">SBD</option></select>`
    : html`<input type="hidden" name="symbol" value="${unit}"><span>${unit}</span>`;
  return html`<div>
  <label for="${id}">Amount</label>
  <div class="form-row"><input id="${id}" name="amount" type="text" inputmode="decimal" autocomplete="off" placeholder="0.000" aria-describedby="${id}-available ${id}-error">${chooser}</div>
  <p class="hint" id="${id}-available"><span data-available></span> <button type="button" class="link-button" data-fill-max>Use all</button></p>
  ${fieldError(form, "amount")}
</div>`;
}

function memoField(form: string): Html {
  const id = `wallet-${form}-memo`;
  return html`<div>
  <label for="${id}">Memo <span class="hint">(optional)</span></label>
  <input id="${id}" name="memo" type="text" autocomplete="off" aria-describedby="${id}-hint ${id}-error">
  <p class="hint" id="${id}-hint">Everyone can read a memo. Never put a key or password in one.</p>
  ${fieldError(form, "memo")}
</div>`;
}

function dialog(form: string, title: string, intro: string, fields: Html, submit: string): Html {
  return html`<dialog class="panel dialog wallet-dialog" data-wallet-dialog="${form}" aria-labelledby="wallet-${form}-title">
  <form class="form" data-wallet-form="${form}" novalidate>
    <h2 id="wallet-${form}-title">${title}</h2>
    <p>${intro}</p>
    ${fields}
    <p class="error" data-form-error role="alert" hidden></p>
    <div class="form-row"><button class="button" type="submit">${submit}</button><button class="button button-quiet" type="button" data-wallet-close>Cancel</button></div>
  </form>
</dialog>`;
}

/** Every wallet form, for the account `owner` (the recipient fields' default is the owner). */
export function walletForms(owner: string): Html {
  const self = `${owner} (yourself)`;
  return html`<div class="wallet-forms">
${dialog("transfer", "Transfer", "Send STEEM or SBD to another account. It arrives at once and cannot be called back.",
  html`${recipientField({ form: "transfer", name: "to", label: "To" })}${amountField("transfer", "choice")}${memoField("transfer")}`, "Next")}
${dialog("power-up", "Power up", "Turn liquid STEEM into Steem Power: more weight for your votes, and a share of new STEEM.",
  html`${recipientField({ form: "power-up", name: "to", label: "For", placeholder: self, hint: "Leave empty to power up your own account." })}${amountField("power-up", "STEEM")}`, "Power up")}
${dialog("to-savings", "Transfer to savings", "Savings can only leave after a 3-day wait, which gives you time to act if your keys are stolen.",
  html`${recipientField({ form: "to-savings", name: "to", label: "Into the savings of", placeholder: self, hint: "Leave empty for your own savings." })}${amountField("to-savings", "choice")}${memoField("to-savings")}`, "Transfer")}
${dialog("from-savings", "Withdraw from savings", "The amount arrives 3 days from now. You can cancel until then.",
  html`${recipientField({ form: "from-savings", name: "to", label: "To", placeholder: self, hint: "Leave empty to withdraw to your own account." })}${amountField("from-savings", "choice")}${memoField("from-savings")}`, "Withdraw")}
${dialog("convert", "Convert to STEEM", "SBD leaves your balance now; 3.5 days later you receive its worth in STEEM at the median price of that time.",
  amountField("convert", "SBD"), "Next")}
${dialog("power-down", "Power down", "Steem Power is paid back as liquid STEEM in weekly parts. A new amount replaces a power down under way.",
  amountField("power-down", "SP"), "Next")}
${dialog("delegate", "Delegate", "Lend Steem Power to another account: it votes with it, you keep owning it. The amount you give replaces any delegation to that account.",
  html`${recipientField({ form: "delegate", name: "to", label: "To" })}${amountField("delegate", "SP")}`, "Next")}
</div>`;
}
