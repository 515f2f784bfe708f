/**
 * The two pages that explain the network, `/welcome` and `/faq.html`: what it is, how rewards, tokens and
 * keys work, and how to join — in plain words, with the chain's own numbers (from core/protocol/config.ts)
 * so the text stays true to the chain it runs on.
 */
import {
  cashoutWindowSeconds, contentRewardPercent, conversionDelaySeconds, percent100, reverseAuctionSeconds, savingsWithdrawSeconds,
  vestingWithdrawIntervalSeconds, vestingWithdrawIntervals, voteRegenerationSeconds, votePowerReserveRate,
} from "../../core/protocol/config.ts";
import { type Html, html } from "../html.ts";
import type { PageContext, PageResult } from "../page.ts";

const day = 86400;
const days = (seconds: number) => {
  const count = seconds / day;
  return `${Number.isInteger(count) ? count : count.toFixed(1)} ${count === 1 ? "day" : "days"}`;
};
/** Share of the voting mana a full-weight upvote spends, in percent (Steem's vote_power_reserve_rate rule). */
const fullVoteManaPercent = (100 * day) / (votePowerReserveRate * voteRegenerationSeconds);
const contentRewardShare = contentRewardPercent / (percent100 / 100);

function joinParagraph(context: PageContext): Html {
  return context.site.signupOpen
    ? html`<p><a class="button" href="/signup">Create your account</a> — pick a name, save the master password the page makes for you, and you are in. It is free here: the site pays the account fee.</p>`
    : html`<p>This site does not create accounts itself. An account is made by an existing one, which pays a small fee in STEEM: ask the people who run this network, or a friend who is already here. Then <a href="/login.html">log in</a> with your name and master password.</p>`;
}

/** Serves `/welcome`. */
export async function welcomePage(context: PageContext): Promise<PageResult> {
  const name = context.site.name;
  const main = html`<article class="panel" aria-labelledby="welcome-heading">
  <h1 id="welcome-heading">Welcome to ${name}</h1>
  <p>${name} is a social blogging network: people write posts, comment, follow each other and gather in communities — and readers' upvotes pay the authors. It works like Steemit, and apps written for Steem can talk to it.</p>
  <h2>Everything is on a public chain</h2>
  <p>Every post, vote, follow and payout is a transaction signed by its author and kept in a chain of blocks that anyone running a node can check. Nobody can quietly edit your post or take your rewards; by the same token, what you publish stays public, and edits keep the earlier versions in the chain's history.</p>
  <h2>How rewards work</h2>
  <p>New STEEM is created with every block, and ${contentRewardShare}% of it goes to a reward pool for content. Upvotes share that pool out: the more Steem Power a voter holds, the more their vote is worth. A post pays out ${days(cashoutWindowSeconds)} after it is published — part to the author, part to the curators who upvoted it. <a href="/rewards">See where the rewards are going now</a>.</p>
  <h2>Your keys are your account</h2>
  <p>When you sign up you get a master password. Your keys are derived from it: a <strong>posting</strong> key for posting, voting and following, an <strong>active</strong> key for moving money, an <strong>owner</strong> key for changing the others, and a <strong>memo</strong> key for private notes. This site signs in your browser and never receives your keys.</p>
  <p><strong>Nobody can reset your password.</strong> There is no email address behind your account and no support desk that can recover it. Write the master password down and keep it offline.</p>
  <h2>Join</h2>
  ${joinParagraph(context)}
  <h2>Where to start</h2>
  <ul>
    <li>Read <a href="/trending">what is trending</a> and <a href="/created">what is new</a>.</li>
    <li>Find <a href="/communities">communities</a> on subjects you care about, and subscribe.</li>
    <li>Introduce yourself in a first post, and upvote what you enjoy.</li>
  </ul>
  <p><a href="/faq.html">Questions newcomers ask →</a></p>
</article>`;
  return {
    title: `Welcome to ${name}`,
    description: `What ${name} is, how rewards and keys work, and how to join.`,
    canonicalPath: "/welcome",
    main,
  };
}

interface Question {
  readonly id: string;
  readonly question: string;
  readonly answer: Html;
}

const questions: readonly Question[] = [
  {
    id: "steem", question: "What is STEEM?",
    answer: html`<p>STEEM is the network's token. You can send it to anyone, hold it, or power it up into Steem Power. On a self-hosted network like this one it is worth what its community makes of it: it is not traded on exchanges unless someone lists it.</p>`,
  },
  {
    id: "sp", question: "What is Steem Power (SP), and why power up?",
    answer: html`<p>Steem Power is STEEM you have staked. It is what gives your votes weight, earns you curation rewards, and pays for your transactions through resource credits. Powering down turns it back into STEEM in ${vestingWithdrawIntervals} installments, one every ${days(vestingWithdrawIntervalSeconds)}, so it suits what you mean to keep here.</p>`,
  },
  {
    id: "sbd", question: "What are Steem Dollars (SBD)?",
    answer: html`<p>SBD is a token meant to be worth about one US dollar. Part of authors' rewards is paid in it. You can convert SBD into STEEM at the chain's median price; the conversion takes ${days(conversionDelaySeconds)}, so nobody can game a sudden price move.</p>`,
  },
  {
    id: "voting-power", question: "What is voting power?",
    answer: html`<p>Every account has a voting power that starts at 100%. A full-strength upvote spends ${fullVoteManaPercent}% of what is left, and it refills by itself over ${days(voteRegenerationSeconds)} — about ${Math.round(100 / (voteRegenerationSeconds / day))}% a day. So about ${Math.round(100 / (voteRegenerationSeconds / day) / fullVoteManaPercent)} full upvotes a day keep it steady; voting at a lower weight spends less. Downvotes draw on a separate, smaller pool first.</p>`,
  },
  {
    id: "resource-credits", question: "What are resource credits?",
    answer: html`<p>Transactions cost no fee. Instead, each one spends resource credits, which every account has in proportion to its Steem Power and which refill over ${days(voteRegenerationSeconds)}. If you post or vote a lot with little Steem Power you may run out for a while; waiting, or powering up, fixes it.</p>`,
  },
  {
    id: "password", question: "Why can't my password be recovered?",
    answer: html`<p>Your account is controlled by keys, not by a company. The master password is the only thing from which those keys can be made again, and it is never stored anywhere but where you put it. Lose it and nobody — not the site, not the network's operators — can sign for your account. Steem's recovery of stolen accounts through a recovery account is not available on this chain. Keep the master password offline, and log in day to day with your posting key.</p>`,
  },
  {
    id: "payouts", question: "How do payouts work?",
    answer: html`<p>A post or comment collects votes for ${days(cashoutWindowSeconds)}; then it pays out once and voting on its rewards ends. The payout is split between the author and the curators who upvoted it; votes in the first ${Math.round(reverseAuctionSeconds / 60)} minutes give part of their curation share back to the pool. The author's part is paid half in Steem Power and half in SBD unless they chose 100% Steem Power or declined the payout; rewards land in the wallet to be claimed. Payouts under $0.02 are not paid. A post's pending amount changes with every vote until then.</p>`,
  },
  {
    id: "savings", question: "What are savings?",
    answer: html`<p>A place in your wallet for STEEM and SBD that takes ${days(savingsWithdrawSeconds)} to withdraw from, so that someone who steals your active key cannot empty it at once: you have time to notice.</p>`,
  },
  {
    id: "communities", question: "What are communities?",
    answer: html`<p>A community is a place for posts on one subject, with its own description, rules and team. Its owner and admins appoint moderators, who can pin posts, mute posts that break the rules, and mute accounts there. Anyone can subscribe; posting may be open to all, to members only, or to members for posts and everyone for comments. A community is an account named <code>hive-</code> and digits; whoever creates that account becomes its admin here. <a href="/communities">Browse communities</a>.</p>`,
  },
  {
    id: "muting", question: "What do “mute” and “low value” mean?",
    answer: html`<p>You can mute an account to hide its posts and replies from you. Posts by accounts with very low reputation, heavily downvoted ones, and posts muted by a community's moderators are dimmed or tucked away behind “Show low value posts” — still on the chain, just not pushed at readers.</p>`,
  },
];

/** Serves `/faq.html`. */
export async function faqPage(context: PageContext): Promise<PageResult> {
  const main = html`<article class="panel" aria-labelledby="faq-heading">
  <h1 id="faq-heading">Questions newcomers ask</h1>
  <nav aria-label="Questions"><ul>${questions.map((q) => html`<li><a href="#${q.id}">${q.question}</a></li>`)}</ul></nav>
  ${questions.map((q) => html`<section aria-labelledby="${q.id}"><h2 id="${q.id}">${q.question}</h2>${q.answer}</section>`)}
  <p>New here? <a href="/welcome">Start with the welcome page</a>.</p>
</article>`;
  return {
    title: "FAQ",
    description: `Answers to what newcomers to ${context.site.name} ask: STEEM, Steem Power, SBD, voting power, resource credits, passwords, payouts and communities.`,
    canonicalPath: "/faq.html",
    main,
  };
}
