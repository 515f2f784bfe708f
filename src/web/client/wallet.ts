/**
 * The wallet page's script, for the account's owner: opens the forms, shows what is available, checks what
 * was typed (wallet-plans.ts), looks the recipient up, refuses memos that give a key away, asks before
 * what cannot be undone, then signs in this browser (the active key is asked for when needed) and reloads.
 * A refusal is written into the form, which keeps everything typed.
 */
import { currentName, send } from "./chain.ts";
import { callRpc } from "./lib/rpc.ts";
import { formatUnits, vestsToSteem } from "./lib/wallet-amounts.ts";
import {
  type WalletFormAction, type WalletFormValues, type WalletPlan, planCancelPowerDown, planCancelSavingsWithdrawal, planClaimRewards,
  planUndelegate, planWalletForm, walletFormActions,
} from "./lib/wallet-plans.ts";
import { type WalletState, getDelegatableVests, getPowerDownableVests, parseWalletState } from "./lib/wallet-state.ts";
import { messageOf, openDialog, toast } from "./ui.ts";

/** How long the success message shows before the page reloads with the new balances. */
const reloadDelayMs = 1500;

/** A refusal to show beside one field. */
class FieldProblem extends Error {
  constructor(readonly field: keyof WalletFormValues, message: string) {
    super(message);
  }
}

function readState(): WalletState | null {
  const block = document.querySelector("[data-wallet-state]");
  if (block === null) return null;
  try {
    return parseWalletState(JSON.parse(block.textContent ?? ""));
  } catch {
    return null;
  }
}

function formValues(form: HTMLFormElement): WalletFormValues {
  const data = new FormData(form);
  const field = (name: string) => String(data.get(name) ?? "");
  return { to: field("to"), amount: field("amount"), symbol: field("symbol"), memo: field("memo") };
}

/** What the form may move at most, in its unit: the line under the amount and the "Use all" value. */
function available(action: WalletFormAction, values: WalletFormValues, state: WalletState): { amount: bigint; unit: string } {
  const sp = (vests: bigint) => ({ amount: vestsToSteem(vests, state.ratio), unit: "SP" });
  const sbd = values.symbol === "SBD";
  switch (action) {
    case "power-down": return sp(getPowerDownableVests(state));
    case "delegate": return sp(getDelegatableVests(state) + (state.delegations.get(values.to.trim().replace(/^@/, "").toLowerCase()) ?? 0n));
    case "convert": return { amount: state.sbd, unit: "SBD" };
    case "power-up": return { amount: state.steem, unit: "STEEM" };
    case "from-savings": return sbd ? { amount: state.savingsSbd, unit: "SBD" } : { amount: state.savingsSteem, unit: "STEEM" };
    default: return sbd ? { amount: state.sbd, unit: "SBD" } : { amount: state.steem, unit: "STEEM" };
  }
}

function showAvailable(form: HTMLFormElement, action: WalletFormAction, state: WalletState): void {
  const { amount, unit } = available(action, formValues(form), state);
  const line = form.querySelector("[data-available]");
  if (line !== null) line.textContent = `Available: ${formatUnits(amount, 3)} ${unit}`;
}

function clearProblems(form: HTMLFormElement): void {
  for (const line of form.querySelectorAll<HTMLElement>("[data-field-error]")) line.textContent = "";
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  const formError = form.querySelector<HTMLElement>("[data-form-error]");
  if (formError !== null) formError.hidden = true;
}

function showFieldProblem(form: HTMLFormElement, field: string, problem: string): void {
  const line = form.querySelector(`[data-field-error="${field}"]`);
  const input = form.querySelector<HTMLInputElement>(`[name="${field}"]:not([type="hidden"])`);
  if (line === null || input === null) return showFormProblem(form, problem);
  line.textContent = problem;
  input.setAttribute("aria-invalid", "true");
  input.focus();
}

function showFormProblem(form: HTMLFormElement, problem: string): void {
  const line = form.querySelector<HTMLElement>("[data-form-error]");
  if (line === null) return toast(problem, "error");
  line.textContent = problem;
  line.hidden = false;
}

/** The checks that need the network: the recipient exists, the memo gives no key away. */
async function checkRemotely(plan: WalletPlan, state: WalletState): Promise<void> {
  if (plan.recipient !== null) {
    const [found] = await callRpc<unknown[]>("condenser_api.lookup_account_names", [[plan.recipient]]);
    if (found === null || found === undefined) throw new FieldProblem("to", `There is no account @${plan.recipient}.`);
  }
  const memo = plan.operation[1].memo;
  if (typeof memo === "string" && memo !== "") {
    const { memoRevealsAccountKey } = await import("./lib/memo-secrets.ts");
    if (await memoRevealsAccountKey(state.account, memo)) throw new FieldProblem("memo", "This memo holds your password or one of your private keys. Memos are public: remove it.");
  }
}

/** Checks, confirms, signs and broadcasts a plan; resolves true once it is in a block, false if the person said no. */
async function runPlan(plan: WalletPlan, state: WalletState): Promise<boolean> {
  await checkRemotely(plan, state);
  if (plan.confirm !== null && (await openDialog("Please confirm", plan.confirm, { confirm: "Confirm" })) === null) return false;
  await send([plan.operation], plan.role, plan.reason);
  toast(`${plan.reason}: done.`);
  setTimeout(() => location.reload(), reloadDelayMs);
  return true;
}

async function submitForm(form: HTMLFormElement, action: WalletFormAction, state: WalletState): Promise<void> {
  clearProblems(form);
  const result = planWalletForm(action, formValues(form), state, Math.floor(Date.now() / 1000));
  if (!result.ok) return showFieldProblem(form, result.field, result.problem);
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  button?.setAttribute("aria-busy", "true");
  try {
    if (await runPlan(result.plan, state)) form.closest("dialog")?.close();
  } catch (error) {
    if (error instanceof FieldProblem) showFieldProblem(form, error.field, error.message);
    else showFormProblem(form, messageOf(error));
  } finally {
    button?.removeAttribute("aria-busy");
  }
}

function wireForm(form: HTMLFormElement, state: WalletState): void {
  const action = form.dataset.walletForm as WalletFormAction;
  if (!walletFormActions.includes(action)) return;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void submitForm(form, action, state);
  });
  form.addEventListener("input", () => showAvailable(form, action, state));
  form.addEventListener("change", () => showAvailable(form, action, state));
  form.querySelector("[data-fill-max]")?.addEventListener("click", () => {
    const amount = form.querySelector<HTMLInputElement>('[name="amount"]');
    if (amount !== null) amount.value = formatUnits(available(action, formValues(form), state).amount, 3);
  });
  form.querySelector("[data-wallet-close]")?.addEventListener("click", () => form.closest("dialog")?.close());
}

function openForm(action: string, symbol: string | undefined, state: WalletState): void {
  const dialog = document.querySelector<HTMLDialogElement>(`[data-wallet-dialog="${CSS.escape(action)}"]`);
  const form = dialog?.querySelector<HTMLFormElement>("form");
  if (dialog === null || dialog === undefined || form === null || form === undefined) return;
  const chooser = form.querySelector<HTMLSelectElement>('select[name="symbol"]');
  if (chooser !== null && (symbol === "STEEM" || symbol === "SBD")) chooser.value = symbol;
  clearProblems(form);
  showAvailable(form, action as WalletFormAction, state);
  dialog.showModal();
  form.querySelector<HTMLInputElement>('input:not([type="hidden"])')?.focus();
}

/** The plan of a one-click button (claim, cancel power down, undelegate, cancel a savings withdrawal). */
function buttonPlan(button: HTMLElement, state: WalletState): WalletPlan | null {
  switch (button.dataset.walletAction) {
    case "claim-rewards": return planClaimRewards(state);
    case "cancel-power-down": return planCancelPowerDown(state);
    case "undelegate": return planUndelegate(state, button.dataset.delegatee ?? "");
    case "cancel-withdrawal": return planCancelSavingsWithdrawal(state, Number(button.dataset.requestId));
    default: return null;
  }
}

async function runButton(button: HTMLElement, state: WalletState): Promise<void> {
  const plan = buttonPlan(button, state);
  if (plan === null) return;
  button.setAttribute("aria-busy", "true");
  try {
    await runPlan(plan, state);
  } catch (error) {
    toast(messageOf(error), "error");
  } finally {
    button.removeAttribute("aria-busy");
  }
}

function start(): void {
  const state = readState();
  if (state === null || currentName() !== state.account) return;
  for (const form of document.querySelectorAll<HTMLFormElement>("form[data-wallet-form]")) wireForm(form, state);
  document.addEventListener("click", (event) => {
    const target = event.target as Element;
    const opener = target.closest<HTMLElement>("[data-wallet-open]");
    if (opener !== null) return openForm(opener.dataset.walletOpen ?? "", opener.dataset.symbol, state);
    const button = target.closest<HTMLElement>("[data-wallet-action]");
    if (button !== null) void runButton(button, state);
  });
}

start();
