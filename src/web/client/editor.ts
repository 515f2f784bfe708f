/**
 * The post editor (`/submit.html`): fills the community picker with the writer's subscriptions, restores
 * the draft (or loads the post being edited), previews as it is typed, uploads images, and publishes the
 * post with its options in one transaction, then opens it. The draft is cleared only once the post is in a block.
 */
import { type Beneficiary, type PayoutChoice, containsSecret, createCommentOperations, createPermlink, describeTagsProblem, parseTags } from "./compose.ts";
import { send } from "./chain.ts";
import { wireDraft, wireImageUpload, wirePreview } from "./draft-tools.ts";
import { callRpc } from "./lib/rpc.ts";
import { messageOf } from "./ui.ts";

interface EditedPost {
  readonly author: string;
  readonly permlink: string;
  readonly category: string;
  readonly title: string;
  readonly body: string;
  readonly parent_author?: string;
  readonly parent_permlink?: string;
  readonly json_metadata: Record<string, unknown> | null;
  readonly community?: string;
}

const form = document.querySelector<HTMLFormElement>("[data-editor]");
if (form !== null) void setUp(form);

async function setUp(form: HTMLFormElement): Promise<void> {
  const author = form.dataset.author ?? "";
  const title = form.querySelector<HTMLInputElement>("#editor-title")!;
  const body = form.querySelector<HTMLTextAreaElement>("#editor-body")!;
  const tags = form.querySelector<HTMLInputElement>("#editor-tags")!;
  const community = form.querySelector<HTMLSelectElement>("#editor-community")!;
  const error = form.querySelector<HTMLElement>("[data-editor-error]")!;
  const preview = form.querySelector<HTMLElement>("[data-preview]")!;
  const beneficiaryList = form.querySelector<HTMLElement>("[data-beneficiaries]")!;
  const refresh = wirePreview(body, preview);
  wireImageUpload(body, form.querySelector<HTMLElement>("[data-drop-zone]")!, form.querySelector<HTMLInputElement>("#editor-image"));
  const edit = form.dataset.edit ?? "";
  const draft = wireDraft(`kettle.draft.${author}.${edit || "new"}`, [title, body, tags], form.querySelector("[data-draft-status]"));
  const subscriptions = await callRpc<[string, string, string, string][]>("bridge.list_all_subscriptions", { account: author }).catch(() => []);
  for (const [name, communityTitle] of subscriptions) {
    if (community.querySelector(`option[value="${CSS.escape(name)}"]`) !== null) continue;
    community.append(new Option(communityTitle || name, name, false, name === form.dataset.category));
  }
  let editing: EditedPost | null = null;
  if (edit !== "") {
    const [editAuthor, editPermlink] = edit.split("/");
    editing = await callRpc<EditedPost>("bridge.get_post", { author: editAuthor, permlink: editPermlink });
    title.value = editing.title;
    body.value = editing.body;
    const tagList = Array.isArray(editing.json_metadata?.tags) ? (editing.json_metadata.tags as string[]) : [editing.category];
    tags.value = tagList.filter((t) => t !== editing?.community).join(" ");
    community.disabled = true;
    form.querySelector<HTMLElement>("[data-advanced]")!.hidden = true;
  }
  const defaultPayout = localStorage.getItem("kettle.default-payout");
  const payoutChoice = form.querySelector<HTMLInputElement>(`input[name="payout"][value="${defaultPayout === "100" || defaultPayout === "0" ? defaultPayout : "50"}"]`);
  if (payoutChoice !== null) payoutChoice.checked = true;
  draft.restore();
  // An empty body keeps the preview's hint ("Your post appears here…") rather than a blank box.
  if (body.value.trim() !== "") refresh();
  form.querySelector("[data-add-beneficiary]")!.addEventListener("click", () => addBeneficiaryRow(beneficiaryList));
  form.querySelector("[data-clear-draft]")!.addEventListener("click", () => {
    draft.clear();
    title.value = body.value = tags.value = "";
    refresh();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    error.hidden = true;
    publish().catch((reason) => {
      error.textContent = messageOf(reason);
      error.hidden = false;
      form.querySelector("button[type=submit]")?.removeAttribute("aria-busy");
    });
  });

  async function publish(): Promise<void> {
    const tagList = parseTags(tags.value);
    const chosenCommunity = editing?.community ?? community.value;
    const allTags = chosenCommunity ? [chosenCommunity, ...tagList.filter((t) => t !== chosenCommunity)] : tagList;
    const problem = title.value.trim() === "" ? "Give your post a title." : body.value.trim() === "" ? "Write something first."
      : tagList.length === 0 && !chosenCommunity ? "Add at least one tag."
      : allTags.length > 5 ? "At most 5 tags (a community counts as one)." : describeTagsProblem(tagList);
    if (problem !== null) throw new Error(problem);
    if (containsSecret(`${title.value}\n${body.value}`)) throw new Error("Your post seems to contain a private key or a master password. Remove it: anyone could take your account.");
    form.querySelector("button[type=submit]")?.setAttribute("aria-busy", "true");
    const payout = (form.querySelector<HTMLInputElement>('input[name="payout"]:checked')?.value ?? "50") as PayoutChoice;
    const permlink = editing?.permlink ?? createPermlink(title.value);
    const operations = createCommentOperations({
      author, permlink, parentAuthor: editing?.parent_author ?? "", parentPermlink: editing?.parent_permlink ?? editing?.category ?? allTags[0],
      title: title.value.trim(), body: body.value, tags: allTags.slice(0, 5), previousBody: editing?.body, previousMetadata: editing?.json_metadata ?? undefined,
      payout: editing === null ? payout : undefined, beneficiaries: editing === null ? readBeneficiaries(beneficiaryList) : undefined,
    });
    await send(operations, "posting", editing === null ? "Publishing your post" : "Updating your post");
    draft.clear();
    location.href = `/${editing?.category ?? allTags[0]}/@${author}/${permlink}`;
  }
}

function addBeneficiaryRow(list: HTMLElement): void {
  const index = list.children.length;
  const row = document.createElement("div");
  row.className = "form-row";
  row.innerHTML = `<label class="visually-hidden" for="beneficiary-${index}">Account</label><input id="beneficiary-${index}" type="text" placeholder="account" data-beneficiary-account maxlength="16" class="beneficiary-account">
<label class="visually-hidden" for="beneficiary-weight-${index}">Percent</label><input id="beneficiary-weight-${index}" type="number" min="1" max="100" step="1" value="10" data-beneficiary-weight class="beneficiary-weight"> %
<button type="button" class="link-button" data-remove-beneficiary>Remove</button>`;
  row.querySelector("[data-remove-beneficiary]")!.addEventListener("click", () => row.remove());
  list.append(row);
  row.querySelector<HTMLInputElement>("input")!.focus();
}

function readBeneficiaries(list: HTMLElement): Beneficiary[] {
  const out: Beneficiary[] = [];
  for (const row of list.children) {
    const account = (row.querySelector<HTMLInputElement>("[data-beneficiary-account]")?.value ?? "").trim().toLowerCase().replace(/^@/, "");
    const percent = Number(row.querySelector<HTMLInputElement>("[data-beneficiary-weight]")?.value ?? 0);
    if (account === "") continue;
    if (!Number.isInteger(percent) || percent < 1 || percent > 100) throw new Error(`The share of @${account} must be a whole percent from 1 to 100.`);
    if (out.some((b) => b.account === account)) throw new Error(`@${account} is listed twice.`);
    out.push({ account, weight: percent * 100 });
  }
  if (out.reduce((sum, b) => sum + b.weight, 0) > 10000) throw new Error("Beneficiaries cannot take more than 100% together.");
  return out;
}
