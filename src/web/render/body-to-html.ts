/**
 * The first step of rendering: decide whether a body is HTML or markdown and turn it into (unsafe) HTML,
 * with HTML comments made visible. Nothing here is safe to show yet; sanitizeBodyHtml comes next.
 */
import { Parser } from "htmlparser2";
import MarkdownIt from "markdown-it";

/**
 * The markdown renderer: raw HTML allowed (Steem bodies mix both; the sanitizer follows), a single newline is a
 * line break as Steem authors expect, bare URLs become links, and quotes and dashes are left as typed.
 */
export const markdown = new MarkdownIt({ html: true, breaks: true, linkify: true, typographer: false });

// Only web links are worth linkifying: mailto and ftp links would be removed by the sanitizer anyway, and
// turning "name@example.com" into a link would hide the e-mail from the @mention rule for no gain.
markdown.linkify.set({ fuzzyEmail: false });
markdown.linkify.add("ftp:", null);
markdown.linkify.add("mailto:", null);
// Fuzzy linking ("example.com") stays off: it turns "README.md" and "setup.py" into links. Only "www." hosts are
// linked without a scheme, made https since every site worth linking to speaks it today.
// Sticky, so matching starts where linkify-it found "www." without copying the rest of the text.
const wwwTailPattern = /(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}(?::\d{1,5})?(?:[/?#][^\s<>"'`]*)?/iy;
markdown.linkify.add("www.", {
  validate: (text, position) => {
    wwwTailPattern.lastIndex = position;
    const tail = wwwTailPattern.exec(text)?.[0] ?? "";
    // Sentence punctuation after a URL is not part of it; a closing parenthesis is, only if one was opened.
    let end = tail.length;
    const opened = countOf(tail, "(");
    let closed = countOf(tail, ")");
    while (end > 0 && /[.,;:!?)\]]/.test(tail[end - 1])) {
      if (tail[end - 1] === ")") {
        if (opened >= closed) break;
        closed--;
      }
      end--;
    }
    return end;
  },
  normalize: (match) => {
    match.url = "https://" + match.url;
  },
});

function countOf(text: string, character: string): number {
  return text.split(character).length - 1;
}

/** Whether a body is written in HTML (wrapped in <html>…</html> or starting with <p>) rather than markdown. */
export function looksLikeHtmlBody(body: string): boolean {
  const trimmed = body.trim();
  return /^<html>[\s\S]*<\/html>$/i.test(trimmed) || /^<p[\s>]/i.test(trimmed);
}

/** Turns a body into HTML: HTML bodies lose their <html> wrapper, markdown goes through markdown-it. */
export function bodyToHtml(body: string): string {
  const trimmed = body.trim();
  const wrapped = /^<html>([\s\S]*)<\/html>$/i.exec(trimmed);
  if (wrapped !== null) return showHtmlComments(wrapped[1]);
  if (/^<p[\s>]/i.test(trimmed)) return showHtmlComments(trimmed);
  return showHtmlComments(markdown.render(body));
}

/**
 * Replaces every HTML comment with the visible text "(html comment removed: …)" so readers see what the
 * author hid (Steemit does the same). The comment's content is escaped, so it can only ever be text.
 * Comments are found by the same parser the sanitizer uses, so "comment" means the same thing in both steps;
 * markdown code spans and blocks are already escaped by markdown-it, so comments shown there stay as written.
 */
export function showHtmlComments(html: string): string {
  // Besides "<!--", the parser (like browsers) reads "<!x", "<?x" and "</ x" as comments.
  if (!/<[!?]|<\/[^a-z]/i.test(html)) return html;
  const comments: { start: number; end: number; data: string }[] = [];
  let data = "";
  const parser = new Parser({
    oncomment: (chunk) => {
      data += chunk;
    },
    oncommentend: () => {
      comments.push({ start: parser.startIndex, end: parser.endIndex + 1, data });
      data = "";
    },
  });
  parser.end(html);
  let shown = "";
  let last = 0;
  for (const comment of comments) {
    shown += html.slice(last, comment.start) + escapeHtmlText(`(html comment removed: ${comment.data.trim()})`);
    last = comment.end;
  }
  return shown + html.slice(last);
}

/** Escapes text for use between tags or inside a double-quoted attribute. */
export function escapeHtmlText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
