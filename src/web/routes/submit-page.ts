/**
 * `/submit.html`: the editor — title, body with a live preview rendered by the same function as published
 * posts, tags (at most 5; the first is the category), community, payout (50/50, 100 % Steem Power, declined),
 * beneficiaries, image upload by picker, drag and paste, and drafts saved in this browser as they are typed.
 * `?category=hive-…` preselects a community; `?edit=author/permlink` edits a post.
 */
import { html } from "../html.ts";
import type { PageContext, PageResult } from "../page.ts";

export async function submitPage(context: PageContext): Promise<PageResult> {
  if (context.observer === null) return { redirect: `/login.html?next=${encodeURIComponent(context.url.pathname + context.url.search)}`, status: 302 };
  const category = context.url.searchParams.get("category") ?? "";
  const edit = context.url.searchParams.get("edit") ?? "";
  return {
    title: edit === "" ? "Write a post" : "Edit post",
    noindex: true,
    wide: true,
    scripts: ["editor"],
    main: html`<section aria-labelledby="editor-heading">
  <h1 id="editor-heading">${edit === "" ? "Write a post" : "Edit your post"}</h1>
  <form class="editor" data-editor data-author="${context.observer}" data-category="${category}" data-edit="${edit}" novalidate>
    <div class="editor editor-split">
      <div class="form">
        <div><label for="editor-title">Title</label><input id="editor-title" name="title" type="text" maxlength="255" required></div>
        <div class="drop-zone" data-drop-zone>
          <label for="editor-body">Body <span class="hint">(Markdown or HTML)</span></label>
          <textarea id="editor-body" name="body" required aria-describedby="editor-body-hint"></textarea>
          <p class="hint" id="editor-body-hint">Drag, paste or <label for="editor-image" class="link-button inline-label">choose an image</label> to upload it. <span data-draft-status role="status"></span></p>
          <input id="editor-image" type="file" accept="image/jpeg,image/png,image/gif,image/webp" hidden multiple>
        </div>
        <div><label for="editor-tags">Tags</label><input id="editor-tags" name="tags" type="text" placeholder="news syria" aria-describedby="editor-tags-hint">
          <p class="hint" id="editor-tags-hint">Up to 5, separated by spaces. The first is the post's category unless you post in a community.</p></div>
        <div><label for="editor-community">Post in</label><select id="editor-community" name="community"><option value="">My blog</option>${category.startsWith("hive-") ? html`<option value="${category}" selected>${category}</option>` : ""}</select></div>
        <details data-advanced><summary>Rewards and beneficiaries</summary>
          <fieldset><legend>Payout</legend>
            <div class="form-row"><input type="radio" id="payout-50" name="payout" value="50" checked><label for="payout-50" class="inline-label">50% SBD / 50% Steem Power</label></div>
            <div class="form-row"><input type="radio" id="payout-100" name="payout" value="100"><label for="payout-100" class="inline-label">100% Steem Power</label></div>
            <div class="form-row"><input type="radio" id="payout-0" name="payout" value="0"><label for="payout-0" class="inline-label">Decline payout</label></div>
          </fieldset>
          <fieldset><legend>Beneficiaries</legend><div data-beneficiaries></div><button type="button" class="button button-quiet" data-add-beneficiary>Add a beneficiary</button>
            <p class="hint">Each gets that share of the author's reward.</p></fieldset>
        </details>
        <p class="error" data-editor-error role="alert" hidden></p>
        <div class="form-row"><button class="button" type="submit">${edit === "" ? "Post" : "Update post"}</button><button class="button button-quiet" type="button" data-clear-draft>Clear draft</button></div>
      </div>
      <section aria-labelledby="preview-heading"><h2 id="preview-heading">Preview</h2><div class="preview markdown" data-preview aria-live="polite"><p class="hint">Your post appears here as it will be published.</p></div></section>
    </div>
  </form>
</section>`,
  };
}
