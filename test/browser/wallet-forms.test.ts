// Checks the wallet's forms in real Chromium on a demo node, as alice on her wallet (/@alice/transfers): power down and cancel it, delegate Steem Power and take it back, convert SBD to STEEM, move STEEM into savings, withdraw it and cancel a withdrawal — each outcome on the page, on chain through the public JSON-RPC, and in the wallet's history with the virtual operations that follow days later.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { seedPost } from "../../src/cli/seed-post.ts";
import { vestingWithdrawIntervals } from "../../src/core/protocol/config.ts";
import { formatTokenAmount } from "../../src/web/client/lib/wallet-amounts.ts";
import type { WalletAccount } from "../../src/web/components/wallet-balances.ts";
import { launchChromium, newReader } from "../helpers/browser.ts";
import { answerKeyPrompt, confirmDialog, demoPassword, PageErrors, rpc } from "../helpers/browser-journey.ts";
import { createUnsignedTransaction, initMinerAccount, signWith } from "../helpers/test-chain.ts";
import { type DemoSite, startDemoSite } from "../helpers/web-node.ts";

const owner = "alice";
const password = demoPassword(owner);
const walletPath = `/@${owner}/transfers`;

let site: DemoSite;
let browser: Browser;
const errors = new PageErrors();
/** alice's browser, logged in with her master password (so only the posting key is kept: the wallet asks for the active key). */
let page: Page;

/** The get_accounts fields these tests read: the wallet's, and the count of pending savings withdrawals. */
interface Account extends WalletAccount {
  readonly savings_withdraw_requests: number;
}

interface Delegation {
  readonly delegator: string;
  readonly delegatee: string;
  readonly vesting_shares: string;
}

interface Conversion {
  readonly requestid: number;
  readonly amount: string;
  readonly conversion_date: string;
}

interface SavingsWithdrawal {
  readonly from: string;
  readonly to: string;
  readonly memo: string;
  readonly request_id: number;
  readonly amount: string;
  readonly complete: string;
}

const getAccount = async (name = owner) => (await rpc<Account[]>(site, "condenser_api.get_accounts", [[name]]))[0];
/** A wire amount ("12.345 STEEM", "1.000000 VESTS") in smallest units. */
const units = (wire: string) => BigInt(wire.split(" ")[0].replace(".", ""));
const squeeze = (text: string | null) => (text ?? "").replace(/\s+/g, " ").trim();
const historyText = async () => squeeze(await page.locator(".wallet-history").textContent());

/** A chain time a few seconds after `time` (chain times are UTC without a zone). */
const after6s = (time: string) => new Date(Date.parse(`${time}Z`) + 6000).toISOString().slice(0, 19);

/** Moves the dev chain to `time` (sparsely: every payment falling due on the way is made) and lets the index catch up. */
async function jumpTo(time: string): Promise<void> {
  await rpc(site, "debug_node_api.debug_generate_blocks_until", { head_block_time: time, generate_sparsely: true });
  await site.settle();
}

/**
 * Runs a wallet action that the page ends with its toast and, a moment later, its own reload with the new
 * figures; resolves once both happened.
 */
async function untilReloaded(toast: string, act: () => Promise<void>): Promise<void> {
  const reloaded = page.waitForEvent("load", { timeout: 20_000 });
  reloaded.catch(() => undefined);
  await act();
  await page.locator(".toast", { hasText: toast }).waitFor({ timeout: 10_000 });
  await reloaded;
}

/** Opens one of the wallet's forms by its button. */
async function openForm(form: string, symbol?: string) {
  await page.locator(`[data-wallet-open="${form}"]${symbol === undefined ? "" : `[data-symbol="${symbol}"]`}`).click();
  const dialog = page.locator(`dialog[data-wallet-dialog="${form}"]`);
  await dialog.waitFor();
  return dialog;
}

before(async () => {
  [site, browser] = await Promise.all([startDemoSite(), launchChromium()]);
  // initminer's large upvote (signed by the test) makes the seed post pay alice some SBD a week later, for the conversion.
  const { node } = site.running;
  const vote = { type: "vote" as const, value: { voter: "initminer", author: owner, permlink: seedPost.permlink, weight: 10000 } };
  await node.submit(signWith(createUnsignedTransaction(node.state, [vote]), node.options.chainId, [initMinerAccount.secrets.posting]));
  await site.settle();
  const context = errors.watch(await newReader(browser, "desktop"));
  page = await context.newPage();
  await page.goto(`${site.url}/login.html?next=${encodeURIComponent(walletPath)}`);
  await page.locator("#login-name").fill(owner);
  await page.locator("#login-secret").fill(password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await page.waitForURL(`${site.url}${walletPath}`);
});

after(async () => {
  await browser?.close();
  await site?.close();
});

test("alice powers down 1,000 SP: after confirming and giving her active key, the weekly rate shows and is on chain", async () => {
  const before = await getAccount();
  assert.equal(before.vesting_withdraw_rate, "0.000000 VESTS");
  const dialog = await openForm("power-down");
  assert.match(squeeze(await dialog.locator("[data-available]").textContent()), /^Available: [\d,]+\.\d{3} SP$/);
  // More than she holds is refused in the form, before anything is signed.
  const amount = dialog.locator("#wallet-power-down-amount");
  await amount.fill("999999");
  await dialog.getByRole("button", { name: "Next" }).click();
  await dialog.locator('[data-field-error="amount"]', { hasText: /^That is more than the [\d,]+\.\d{3} SP available\.$/ }).waitFor();
  assert.equal(await amount.getAttribute("aria-invalid"), "true");
  await amount.fill("1000");
  await untilReloaded("Power down 1,000.000 SP: done.", async () => {
    await dialog.getByRole("button", { name: "Next" }).click();
    await confirmDialog(page, "Confirm");
    await answerKeyPrompt(page, password);
  });

  const poweringDown = await getAccount();
  const rate = units(poweringDown.vesting_withdraw_rate);
  const toWithdraw = BigInt(poweringDown.to_withdraw);
  assert.ok(toWithdraw > 0n, "a power down is under way");
  const intervals = BigInt(vestingWithdrawIntervals);
  assert.equal(rate, (toWithdraw + intervals - 1n) / intervals, `paid in ${vestingWithdrawIntervals} weekly parts (rounded up, as Steem does since HF21)`);
  assert.equal(BigInt(poweringDown.withdrawn), 0n);
  const props = await rpc<{ total_vesting_fund_steem: string; total_vesting_shares: string }>(site, "condenser_api.get_dynamic_global_properties", []);
  const steemOf = (vests: bigint) => (vests * units(props.total_vesting_fund_steem)) / units(props.total_vesting_shares);
  assert.ok(steemOf(toWithdraw) >= 999_999n && steemOf(toWithdraw) <= 1_000_001n, `1,000 SP worth of VESTS (${poweringDown.to_withdraw})`);

  const status = squeeze(await page.locator(".wallet-power-down").textContent());
  assert.match(status, /^Powering down 250\.000 SP a week; next payment in 7 days; 1,000\.000 SP still to pay\.$/);
  await page.locator('[data-wallet-open="power-down"]', { hasText: "Change power down" }).waitFor();
  await page.locator('[data-wallet-action="cancel-power-down"]').waitFor();
  assert.match(await historyText(), /Start power down of 1,000\.000 SP/);
  errors.assertNone("power down");
});

test("alice delegates 500 SP to bob, sees it in her delegations, then takes it back with Undelegate and sees it returning", async () => {
  const dialog = await openForm("delegate");
  await dialog.locator("#wallet-delegate-to").fill("bob");
  await dialog.locator("#wallet-delegate-amount").fill("500");
  await untilReloaded("Delegate 500.000 SP to @bob: done.", async () => {
    await dialog.getByRole("button", { name: "Next" }).click();
    await confirmDialog(page, "Confirm");
    await answerKeyPrompt(page, password);
  });
  const delegations = await rpc<Delegation[]>(site, "condenser_api.get_vesting_delegations", [owner, "", 10]);
  assert.equal(delegations.length, 1);
  assert.equal(delegations[0].delegatee, "bob");
  const [delegator, bob] = await Promise.all([getAccount(), getAccount("bob")]);
  assert.equal(delegator.delegated_vesting_shares, delegations[0].vesting_shares);
  assert.equal(bob.received_vesting_shares, delegations[0].vesting_shares);
  const row = page.locator(".wallet-delegations tbody tr");
  assert.equal(await row.count(), 1);
  assert.match(squeeze(await row.textContent()), /^@bob 500\.000 SP/);
  assert.match(squeeze(await page.locator(".balance", { has: page.locator("#balance-sp") }).textContent()), /Delegated to others: −500\.000 SP/);
  assert.match(await historyText(), /Delegate 500\.000 SP to @bob/);

  await untilReloaded("Take back the delegation to @bob: done.", async () => {
    await row.locator('[data-wallet-action="undelegate"][data-delegatee="bob"]').click();
    await confirmDialog(page, "Confirm");
    await answerKeyPrompt(page, password);
  });
  assert.deepEqual(await rpc<Delegation[]>(site, "condenser_api.get_vesting_delegations", [owner, "", 10]), []);
  const returning = await rpc<{ vesting_shares: string }[]>(site, "condenser_api.get_expiring_vesting_delegations", [owner, "1970-01-01T00:00:00", 10]);
  assert.deepEqual(returning.map((r) => r.vesting_shares), [delegations[0].vesting_shares], "the delegation is on its way back");
  assert.equal((await getAccount("bob")).received_vesting_shares, "0.000000 VESTS", "bob votes with it no more");
  assert.equal(await page.locator(".wallet-delegations tbody tr").count(), 0);
  assert.match(squeeze(await page.locator(".wallet-delegations").textContent()), /Returning to you 500\.000 SP in 5 days/);
  assert.match(await historyText(), /Took back the delegation to @bob/);
  errors.assertNone("delegation");
});

test("a week later the history shows the first power-down payment, the returned delegation and the author reward; alice then cancels the power down", async () => {
  const poweringDown = await getAccount();
  await jumpTo(after6s(poweringDown.next_vesting_withdrawal));
  const paid = await getAccount();
  assert.equal(BigInt(paid.withdrawn), units(paid.vesting_withdraw_rate), "one weekly part is paid");
  assert.ok(units(paid.balance) > units(poweringDown.balance), "as liquid STEEM");
  assert.equal(paid.delegated_vesting_shares, "0.000000 VESTS", "the delegation is back");
  assert.ok(units(paid.reward_sbd_balance) > 0n, "the seed post paid alice SBD");

  await page.goto(`${site.url}${walletPath}`);
  const history = await historyText();
  for (const pattern of [/Power down payment: [\d,]+\.\d{3} STEEM for 250\.000 SP/, /Delegation returned: 500\.000 SP/, new RegExp(`Author reward: [\\d.]+ SBD, [\\d.]+ STEEM and [\\d,.]+ SP for @${owner}/${seedPost.permlink}`)]) {
    assert.match(history, pattern);
  }
  assert.match(squeeze(await page.locator(".wallet-power-down").textContent()), /750\.000 SP still to pay/);

  await untilReloaded("Stop powering down: done.", async () => {
    await page.locator('[data-wallet-action="cancel-power-down"]').click();
    await confirmDialog(page, "Confirm");
    await answerKeyPrompt(page, password);
  });
  const stopped = await getAccount();
  assert.equal(stopped.vesting_withdraw_rate, "0.000000 VESTS");
  assert.equal(BigInt(stopped.to_withdraw), 0n);
  assert.equal(await page.locator(".wallet-power-down").count(), 0);
  assert.equal(await page.locator('[data-wallet-action="cancel-power-down"]').count(), 0);
  await page.locator('[data-wallet-open="power-down"]', { hasText: /^Power down$/ }).waitFor();
  assert.match(await historyText(), /Stopped powering down/);
  errors.assertNone("cancel power down");
});

test("alice claims her SBD and converts all of it to STEEM: the conversion is listed on the page and on chain", async () => {
  await untilReloaded("Claim rewards: done.", () => page.getByRole("button", { name: "Claim rewards" }).click());
  const claimed = await getAccount();
  assert.ok(units(claimed.sbd_balance) > 0n);
  const dialog = await openForm("convert");
  assert.equal(squeeze(await dialog.locator("[data-available]").textContent()), `Available: ${claimed.sbd_balance}`);
  await dialog.locator("[data-fill-max]").click();
  assert.equal(await dialog.locator("#wallet-convert-amount").inputValue(), claimed.sbd_balance.replace(" SBD", ""));
  await untilReloaded(`Convert ${claimed.sbd_balance} to STEEM: done.`, async () => {
    await dialog.getByRole("button", { name: "Next" }).click();
    await confirmDialog(page, "Confirm");
    await answerKeyPrompt(page, password);
  });
  const conversions = await rpc<Conversion[]>(site, "condenser_api.get_conversion_requests", [owner]);
  assert.deepEqual(conversions.map((c) => c.amount), [claimed.sbd_balance]);
  assert.equal((await getAccount()).sbd_balance, "0.000 SBD");
  const cells = page.locator(".wallet-conversions tbody tr td");
  const [shownAmount, completes, request] = (await cells.allTextContents()).map(squeeze);
  assert.deepEqual([shownAmount, request], [claimed.sbd_balance, String(conversions[0].requestid)]);
  // 3.5 days, which rounds either way depending on the second the page was drawn.
  assert.match(completes, /^in [34] days$/);
  assert.equal(await cells.nth(1).locator("time").getAttribute("datetime"), `${conversions[0].conversion_date}.000Z`);
  assert.match(await historyText(), new RegExp(`Convert ${claimed.sbd_balance.replace(".", "\\.")} to STEEM \\(request ${conversions[0].requestid}\\)`));
  errors.assertNone("convert");
});

test("alice moves 20 STEEM into savings, withdraws 5, cancels that withdrawal, then withdraws 8 with a memo", async () => {
  const start = await getAccount();
  const toSavings = await openForm("to-savings", "STEEM");
  assert.equal(await toSavings.locator("#wallet-to-savings-symbol").inputValue(), "STEEM");
  await toSavings.locator("#wallet-to-savings-amount").fill("20");
  await untilReloaded("Transfer 20.000 STEEM to savings: done.", async () => {
    await toSavings.getByRole("button", { name: "Transfer" }).click();
    await answerKeyPrompt(page, password);
  });
  const saved = await getAccount();
  assert.equal(saved.savings_balance, "20.000 STEEM");
  assert.equal(units(saved.balance), units(start.balance) - 20_000n);
  assert.equal(squeeze(await page.locator(".balance", { has: page.locator("#balance-savings") }).locator(".amount").first().textContent()), "20.000 STEEM");

  const withdraw = async (amount: string, memo: string) => {
    const dialog = await openForm("from-savings", "STEEM");
    assert.equal(squeeze(await dialog.locator("[data-available]").textContent()), `Available: ${(await getAccount()).savings_balance}`);
    await dialog.locator("#wallet-from-savings-amount").fill(amount);
    await dialog.locator("#wallet-from-savings-memo").fill(memo);
    await untilReloaded(`Withdraw ${amount} STEEM from savings: done.`, async () => {
      await dialog.getByRole("button", { name: "Withdraw" }).click();
      await answerKeyPrompt(page, password);
    });
  };
  await withdraw("5.000", "changed my mind");
  const [first] = await rpc<SavingsWithdrawal[]>(site, "condenser_api.get_savings_withdraw_from", [owner]);
  assert.deepEqual({ to: first.to, amount: first.amount, memo: first.memo }, { to: owner, amount: "5.000 STEEM", memo: "changed my mind" });
  const withdrawing = await getAccount();
  assert.equal(withdrawing.savings_withdraw_requests, 1);
  assert.equal(withdrawing.savings_balance, "15.000 STEEM");
  const row = page.locator(".wallet-withdrawals tbody tr");
  assert.match(squeeze(await row.textContent()), /^5\.000 STEEM you in 3 days changed my mind/);

  await untilReloaded("Cancel the savings withdrawal: done.", async () => {
    await row.locator(`[data-wallet-action="cancel-withdrawal"][data-request-id="${first.request_id}"]`).click();
    await answerKeyPrompt(page, password);
  });
  const cancelled = await getAccount();
  assert.equal(cancelled.savings_withdraw_requests, 0);
  assert.equal(cancelled.savings_balance, "20.000 STEEM", "the amount is back in savings");
  assert.equal(await page.locator(".wallet-withdrawals").count(), 0);
  assert.match(await historyText(), new RegExp(`Cancelled savings withdrawal \\(request ${first.request_id}\\)`));

  await withdraw("8.000", "for the rent");
  const pending = await rpc<SavingsWithdrawal[]>(site, "condenser_api.get_savings_withdraw_from", [owner]);
  assert.deepEqual(pending.map((w) => [w.amount, w.memo]), [["8.000 STEEM", "for the rent"]]);
  assert.equal((await getAccount()).savings_balance, "12.000 STEEM");
  assert.match(await historyText(), new RegExp(`Withdraw 8\\.000 STEEM from savings \\(request ${pending[0].request_id}\\) for the rent`));
  errors.assertNone("savings");
});

test("four days later the withdrawal and the conversion are paid: the wallet's history lists both completions", async () => {
  const [before, [withdrawal], [conversion]] = await Promise.all([
    getAccount(),
    rpc<SavingsWithdrawal[]>(site, "condenser_api.get_savings_withdraw_from", [owner]),
    rpc<Conversion[]>(site, "condenser_api.get_conversion_requests", [owner]),
  ]);
  await jumpTo(after6s(withdrawal.complete > conversion.conversion_date ? withdrawal.complete : conversion.conversion_date));
  const paid = await getAccount();
  assert.equal(paid.savings_withdraw_requests, 0);
  assert.deepEqual(await rpc<Conversion[]>(site, "condenser_api.get_conversion_requests", [owner]), []);
  const received = units(paid.balance) - units(before.balance);
  assert.ok(received > 8_000n, `8 STEEM from savings and the conversion's STEEM (${received})`);

  await page.goto(`${site.url}${walletPath}`);
  const history = await historyText();
  assert.match(history, /Savings withdrawal of 8\.000 STEEM completed for the rent/);
  const finished = new RegExp(`Conversion finished: ${conversion.amount.replace(".", "\\.")} became ([\\d,]+\\.\\d{3}) STEEM`).exec(history);
  assert.ok(finished !== null, `the conversion's completion is in the history: ${history}`);
  assert.equal(units(`${finished[1].replace(",", "")} STEEM`), received - 8_000n, "the STEEM the conversion paid");
  assert.equal(await page.locator(".wallet-conversions").count(), 0);
  assert.equal(await page.locator(".wallet-withdrawals").count(), 0);
  assert.equal(squeeze(await page.locator(".balance .amount").first().textContent()), formatTokenAmount(paid.balance), "the STEEM box shows the new balance");
  errors.assertNone("completions");
});
