/**
 * The wallet, `/@user/wallet` (and Steemit's older `/@user/transfers`): unclaimed rewards, the balance boxes
 * (STEEM, Steem Power, Steem Dollars, savings, estimated value), pending delegations, conversions and
 * savings withdrawals, and the history of money operations, signed and virtual. For its owner (the observer)
 * the page also carries the forms and, in a JSON block, the figures the script validates against; the
 * script still checks that the logged-in session is the owner's before it opens anything.
 */
import { type Html, html, jsonScriptText } from "../html.ts";
import { type FeedPrice, type VestingRatio, parseVestingRatio, wireUnits } from "../client/lib/wallet-amounts.ts";
import type { WalletStateJson } from "../client/lib/wallet-state.ts";
import { type WalletAccount, type WalletFigures, balanceGrid, rewardsBanner } from "../components/wallet-balances.ts";
import { walletForms } from "../components/wallet-forms.ts";
import { getWalletHistoryPage, parseHistoryStart, walletHistorySection } from "../components/wallet-history.ts";
import {
  type WireConversion, type WireDelegation, type WireDelegationReturn, type WireSavingsWithdrawal, conversionsSection, delegationsSection,
  savingsWithdrawalsSection,
} from "../components/wallet-lists.ts";
import { PageNotFound, type PageContext, type PageResult } from "../page.ts";
import { WebApiError } from "../web-api.ts";

/** Outgoing delegations listed (condenser_api's largest page). */
const delegationsShownMax = 1000;

interface DynamicProperties {
  readonly total_vesting_fund_steem: string;
  readonly total_vesting_shares: string;
  readonly sbd_interest_rate: number;
}

/** Everything the page shows, read through the public API. */
interface WalletData {
  readonly account: WalletAccount;
  readonly props: DynamicProperties;
  readonly price: FeedPrice;
  readonly delegations: readonly WireDelegation[];
  readonly returns: readonly WireDelegationReturn[];
  readonly conversions: readonly WireConversion[];
  readonly withdrawals: readonly WireSavingsWithdrawal[];
}

async function getWalletData(context: PageContext, name: string): Promise<WalletData> {
  const [account] = await context.api.call<(WalletAccount | null)[]>("condenser_api.get_accounts", [[name]]);
  if (account === undefined || account === null) throw new PageNotFound(`There is no account @${name}`);
  const call = <T>(method: string, params: unknown[]) => context.api.call<T>(`condenser_api.${method}`, params);
  const [props, price, delegations, returns, conversions, withdrawals] = await Promise.all([
    call<DynamicProperties>("get_dynamic_global_properties", []),
    call<{ base: string; quote: string }>("get_current_median_history_price", []),
    call<WireDelegation[]>("get_vesting_delegations", [name, "", delegationsShownMax]),
    call<WireDelegationReturn[]>("get_expiring_vesting_delegations", [name, "1970-01-01T00:00:00", delegationsShownMax]),
    call<WireConversion[]>("get_conversion_requests", [name]),
    call<WireSavingsWithdrawal[]>("get_savings_withdraw_from", [name]),
  ]);
  return {
    account, props, delegations, returns, conversions, withdrawals,
    price: { base: wireUnits(price.base, "SBD"), quote: wireUnits(price.quote, "STEEM") },
  };
}

/** The JSON block for the owner's script (see wallet-state.ts). */
function walletState(data: WalletData): WalletStateJson {
  const a = data.account;
  return {
    account: a.name, balance: a.balance, sbd_balance: a.sbd_balance, savings_balance: a.savings_balance, savings_sbd_balance: a.savings_sbd_balance,
    vesting_shares: a.vesting_shares, delegated_vesting_shares: a.delegated_vesting_shares, received_vesting_shares: a.received_vesting_shares,
    vesting_withdraw_rate: a.vesting_withdraw_rate, to_withdraw: a.to_withdraw, withdrawn: a.withdrawn,
    reward_steem_balance: a.reward_steem_balance, reward_sbd_balance: a.reward_sbd_balance, reward_vesting_balance: a.reward_vesting_balance,
    total_vesting_fund_steem: data.props.total_vesting_fund_steem, total_vesting_shares: data.props.total_vesting_shares,
    delegations: Object.fromEntries(data.delegations.map((d) => [d.delegatee, d.vesting_shares])),
    savings_request_ids: data.withdrawals.map((w) => w.request_id),
    conversion_request_ids: data.conversions.map((c) => c.requestid),
  };
}

function walletTabs(name: string, observer: string | null): Html {
  return html`<nav class="tabs" aria-label="Account">
  <a href="/@${name}">Blog</a>
  <a href="/@${name}/wallet" aria-current="page">Wallet</a>
  ${observer === name ? html`<a href="/@${name}/settings">Settings</a>` : ""}
</nav>`;
}

/** A history the API refused to read (an index out of range, say) leaves the rest of the wallet standing. */
function historyUnavailable(error: unknown): null {
  if (error instanceof WebApiError) return null;
  throw error;
}

/** Serves a wallet (params: [account]). */
export async function walletPage(context: PageContext): Promise<PageResult> {
  const name = context.params[0];
  const start = parseHistoryStart(context.url.searchParams.get("start"));
  const [data, history] = await Promise.all([getWalletData(context, name), getWalletHistoryPage(context.api, name, start).catch(historyUnavailable)]);
  const ratio: VestingRatio = parseVestingRatio(data.props.total_vesting_fund_steem, data.props.total_vesting_shares);
  const figures: WalletFigures = { ratio, price: data.price, sbdInterestRate: data.props.sbd_interest_rate, now: context.now };
  const main = html`<div class="wallet" data-wallet="${name}">
  <header class="wallet-header"><h1>@${name}'s wallet</h1>${walletTabs(name, context.observer)}</header>
  ${rewardsBanner(data.account)}
  ${balanceGrid(data.account, figures)}
  ${delegationsSection(name, data.delegations, data.returns, ratio, context.now)}
  ${conversionsSection(data.conversions, context.now)}
  ${savingsWithdrawalsSection(name, data.withdrawals, context.now)}
  ${history === null ? html`<p class="notice">The history could not be read just now.</p>` : walletHistorySection(name, history, ratio, context.now)}
  ${context.observer === name ? html`${walletForms(name)}
  <script type="application/json" data-wallet-state>${jsonScriptText(walletState(data))}</script>` : ""}
</div>`;
  return {
    title: `@${name}'s wallet`,
    description: `The STEEM, Steem Power and Steem Dollars of @${name}, and what moved them.`,
    canonicalPath: `/@${name}/wallet`,
    type: "profile",
    main,
    // Visitors only read: the script serves the owner's forms.
    scripts: context.observer === name ? ["wallet"] : [],
    noindex: start !== null,
  };
}
