// Checks the payout popover's figures: the author's share after curation and beneficiaries split into SBD, STEEM and SP, the $0.02 floor, declined and capped payouts, and past payouts.
import assert from "node:assert/strict";
import { test } from "node:test";
import { payoutDropdown } from "./payout.ts";

const economics = { price: 0.25, sbdPrintRate: 1, curationShare: 0.5 };
const now = Date.UTC(2024, 10, 28) / 1000;

test("a pending 50/50 payout: half to curators, the author's half split between SBD and Steem Power", () => {
  const text = payoutDropdown({ pending_payout_value: "10.000 SBD", percent_steem_dollars: 10000, payout_at: "2024-12-02T00:00:00" }, economics, now).text;
  assert.match(text, /Pending payout amount: \$10\.00/);
  // author 5.00: 2.50 as SBD, 2.50 / 0.25 = 10 SP.
  assert.match(text, /2\.500 SBD, 0\.000 STEEM, 10\.000 SP/);
  assert.match(text, /Curators: \$5\.00/);
  assert.match(text, /Payout in 4 days/);
});

test("beneficiaries take their share of the author's part, and a low print rate pays STEEM instead of SBD", () => {
  const text = payoutDropdown({
    pending_payout_value: "10.000 SBD", percent_steem_dollars: 10000, beneficiaries: [{ account: "bob", weight: 2000 }],
  }, { ...economics, sbdPrintRate: 0.5 }, now).text;
  // author 5.00 × 0.8 = 4.00; SBD part 2.00, half printed: 1.00 SBD and 1.00 / 0.25 = 4 STEEM; 2.00 / 0.25 = 8 SP.
  assert.match(text, /1\.000 SBD, 4\.000 STEEM, 8\.000 SP/);
  assert.match(text, /@bob<\/a>: 20\.00%/);
});

test("the floor, declined, capped and promoted payouts are said", () => {
  assert.match(payoutDropdown({ pending_payout_value: "0.010 SBD" }, economics, now).text, /must reach \$0\.02 for payout/);
  const declined = payoutDropdown({ pending_payout_value: "3.000 SBD", max_accepted_payout: "0.000 SBD" }, economics, now).text;
  assert.match(declined, /Payout Declined/);
  assert.match(declined, /payout-amount declined/);
  assert.doesNotMatch(declined, /Breakdown/);
  const capped = payoutDropdown({ pending_payout_value: "3.000 SBD", max_accepted_payout: "2.000 SBD", promoted: "1.500 SBD" }, economics, now).text;
  assert.match(capped, /Max accepted payout \$2\.00/);
  assert.match(capped, /payout-amount capped/);
  assert.match(capped, /Promotion cost \$1\.50/);
});

test("after payout: the total with the author's and curators' shares", () => {
  const text = payoutDropdown({ is_paidout: true, author_payout_value: "7.000 SBD", curator_payout_value: "3.000 SBD" }, economics, now).text;
  assert.match(text, /Past payouts \$10\.00/);
  assert.match(text, /- Author \$7\.00/);
  assert.match(text, /- Curators \$3\.00/);
});
