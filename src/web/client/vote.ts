/**
 * The vote buttons: a click opens a panel with a weight slider (the last weight is remembered per account and
 * direction), the voter's current voting power and the vote's estimated value; a downvote explains what it
 * does. Voting again in the same direction removes the vote (weight 0).
 */
import { currentName, goToLogin, send } from "./chain.ts";
import { messageOf, toast } from "./ui.ts";

const weightKey = (name: string, direction: string) => `kettle.vote-weight.${name}.${direction}`;

function rememberedWeight(name: string, direction: string): number {
  const value = Number(localStorage.getItem(weightKey(name, direction)));
  return Number.isInteger(value) && value >= 1 && value <= 100 ? value : 100;
}

function closePanels(): void {
  for (const panel of document.querySelectorAll(".vote-panel")) panel.remove();
}

function setVoted(group: HTMLElement, direction: string): void {
  group.dataset.voted = direction;
  for (const button of group.querySelectorAll<HTMLButtonElement>("button[data-direction]")) {
    button.setAttribute("aria-pressed", button.dataset.direction === direction ? "true" : "false");
  }
}

async function castVote(group: HTMLElement, direction: "up" | "down", percent: number): Promise<void> {
  const voter = currentName();
  if (voter === null) return goToLogin();
  const weight = direction === "down" ? -percent * 100 : percent * 100;
  const { author, permlink } = group.dataset;
  group.setAttribute("aria-busy", "true");
  try {
    await send([["vote", { voter, author, permlink, weight }]], "posting", weight === 0 ? "Removing your vote" : "Voting");
    setVoted(group, weight === 0 ? "" : direction);
    toast(weight === 0 ? "Vote removed." : `${direction === "up" ? "Upvoted" : "Downvoted"} at ${percent}%.`);
  } catch (error) {
    toast(messageOf(error), "error");
  } finally {
    group.removeAttribute("aria-busy");
  }
}

function openPanel(group: HTMLElement, button: HTMLButtonElement, direction: "up" | "down", voter: string): void {
  closePanels();
  const removing = group.dataset.voted === direction;
  const panel = document.createElement("div");
  panel.className = "vote-panel";
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", direction === "up" ? "Upvote" : "Downvote");
  const weight = rememberedWeight(voter, direction);
  panel.innerHTML = `<label for="vote-weight">${direction === "up" ? "Upvote" : "Downvote"} weight: <output data-weight-out>${weight}%</output></label>
<input id="vote-weight" type="range" min="1" max="100" step="1" value="${weight}">
<p class="hint" data-vote-power>Reading your voting power…</p>
${direction === "down" ? '<p class="hint">A downvote lowers this post\'s rewards and visibility. Use it for spam, plagiarism or abuse, not for disagreement.</p>' : ""}
<div class="form-row"><button type="button" class="button" data-cast>${direction === "up" ? "Upvote" : "Downvote"}</button>${removing ? '<button type="button" class="button button-quiet" data-remove>Remove my vote</button>' : ""}<button type="button" class="button button-quiet" data-cancel>Cancel</button></div>`;
  button.after(panel);
  const slider = panel.querySelector<HTMLInputElement>("input")!;
  const out = panel.querySelector("[data-weight-out]")!;
  const power = panel.querySelector("[data-vote-power]")!;
  let estimate: ((weight: number) => number) | null = null;
  let percent = 0;
  const describe = () => {
    out.textContent = `${slider.value}%`;
    if (estimate !== null) power.textContent = `${direction === "up" ? "Voting" : "Downvoting"} power ${percent.toFixed(1)}% · this vote ≈ $${estimate(Number(slider.value) * 100).toFixed(3)}`;
  };
  slider.addEventListener("input", describe);
  import("./vote-estimate.ts").then(({ readVoterPower }) => readVoterPower(voter, direction === "down")).then((read) => {
    estimate = (w) => read.valueAt(w);
    percent = read.percent;
    describe();
  }, () => {
    power.textContent = "Your voting power could not be read.";
  });
  panel.querySelector("[data-cast]")!.addEventListener("click", () => {
    localStorage.setItem(weightKey(voter, direction), slider.value);
    closePanels();
    void castVote(group, direction, Number(slider.value));
  });
  panel.querySelector("[data-remove]")?.addEventListener("click", () => {
    closePanels();
    void castVote(group, direction, 0);
  });
  panel.querySelector("[data-cancel]")!.addEventListener("click", () => {
    closePanels();
    button.focus();
  });
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      closePanels();
      button.focus();
    }
  });
  slider.focus();
}

/** Makes every vote button on the page work. */
export function wireVoteButtons(): void {
  document.addEventListener("click", (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>("[data-vote] button[data-direction]");
    if (button === null) return;
    const group = button.closest<HTMLElement>("[data-vote]")!;
    const voter = currentName();
    if (voter === null) return goToLogin();
    openPanel(group, button, button.dataset.direction === "down" ? "down" : "up", voter);
  });
}
