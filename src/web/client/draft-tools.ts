/**
 * What every body field shares (the post editor and inline replies): a live preview rendered by the server's
 * own body renderer, drafts kept in localStorage as they are typed (so text survives a crash, a closed tab or
 * a failed broadcast), and image upload by picker, drag and paste, inserting the image's markdown at the cursor.
 */
import { messageOf, toast } from "./ui.ts";

/** How long typing must pause before the preview is redrawn and the draft saved. */
const settleMs = 300;

/** Re-renders the preview as the body changes. */
export function wirePreview(textarea: HTMLTextAreaElement, preview: HTMLElement): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sequence = 0;
  const update = () => {
    const ticket = ++sequence;
    fetch("/api/render", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ body: textarea.value }) })
      .then((response) => response.json())
      .then((answer: { html?: string }) => {
        // The server's renderer made this markup (sanitized, as published posts are).
        if (ticket === sequence && typeof answer.html === "string") preview.innerHTML = answer.html;
      }, () => undefined);
  };
  textarea.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(update, settleMs);
  });
  return update;
}

/** Saves the fields under `key` as they change; returns a function that restores them (true if a draft was found). */
export function wireDraft(key: string, fields: readonly (HTMLInputElement | HTMLTextAreaElement)[], status: HTMLElement | null): { restore(): boolean; clear(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    const values = Object.fromEntries(fields.map((field) => [field.name, field.value]));
    try {
      localStorage.setItem(key, JSON.stringify({ values, savedAt: Date.now() }));
      if (status !== null) status.textContent = "Draft saved in this browser.";
    } catch {
      if (status !== null) status.textContent = "The draft could not be saved here (storage full?): keep a copy.";
    }
  };
  for (const field of fields) field.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(save, settleMs);
  });
  return {
    restore() {
      const text = localStorage.getItem(key);
      if (text === null) return false;
      try {
        const { values } = JSON.parse(text) as { values: Record<string, string> };
        for (const field of fields) if (typeof values[field.name] === "string") field.value = values[field.name];
        if (status !== null) status.textContent = "Draft restored.";
        return true;
      } catch {
        return false;
      }
    },
    clear() {
      localStorage.removeItem(key);
    },
  };
}

function insertAtCursor(textarea: HTMLTextAreaElement, text: string): void {
  const start = textarea.selectionStart ?? textarea.value.length;
  const end = textarea.selectionEnd ?? start;
  textarea.value = `${textarea.value.slice(0, start)}${text}${textarea.value.slice(end)}`;
  textarea.selectionStart = textarea.selectionEnd = start + text.length;
  textarea.dispatchEvent(new Event("input"));
}

async function uploadFiles(textarea: HTMLTextAreaElement, files: readonly File[]): Promise<void> {
  const { uploadImage } = await import("./lib/sign-buffer.ts");
  const keys = await import("./lib/signing-key.ts");
  keys.setKeyPrompt((await import("./ui.ts")).askForKey);
  for (const file of files) {
    if (!file.type.startsWith("image/")) {
      toast(`${file.name} is not an image.`, "error");
      continue;
    }
    const placeholder = `![Uploading ${file.name}…]()`;
    insertAtCursor(textarea, `${placeholder}\n`);
    try {
      const url = await uploadImage(file);
      textarea.value = textarea.value.replace(placeholder, `![${file.name.replace(/[[\]]/g, "")}](${url})`);
    } catch (error) {
      textarea.value = textarea.value.replace(`${placeholder}\n`, "");
      toast(`${file.name}: ${messageOf(error)}`, "error");
    }
    textarea.dispatchEvent(new Event("input"));
  }
}

/** Uploads images chosen with the picker, dropped on `zone`, or pasted into the body. */
export function wireImageUpload(textarea: HTMLTextAreaElement, zone: HTMLElement, picker: HTMLInputElement | null): void {
  picker?.addEventListener("change", () => {
    void uploadFiles(textarea, [...(picker.files ?? [])]);
    picker.value = "";
  });
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("dragging");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("dragging");
    void uploadFiles(textarea, [...(event.dataTransfer?.files ?? [])]);
  });
  textarea.addEventListener("paste", (event) => {
    const files = [...(event.clipboardData?.files ?? [])].filter((file) => file.type.startsWith("image/"));
    if (files.length === 0) return;
    event.preventDefault();
    void uploadFiles(textarea, files);
  });
}
