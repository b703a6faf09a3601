/**
 * Files being attached to a message (issue 8, K17): each is announced to the API
 * (`createAttachmentUpload`), then PUT straight to the bucket with progress, and can be removed
 * before sending. The message then carries the ids of the finished ones (`attachmentIds`).
 */
import { api, errorMessage } from '../../api.ts';
import { t } from '../../i18n.ts';
import { lang } from '../../state.svelte.ts';
import { ATTACHMENT_LIMITS } from '#shared/attachments/constants.ts';

export interface PendingUpload {
  key: number;
  name: string;
  size: number;
  /** 0..1 */
  progress: number;
  state: 'uploading' | 'done' | 'failed';
  error?: string;
  attachmentId?: string;
}

interface Announced {
  attachmentId: string;
  uploadUrl: string;
  headers: Record<string, string>;
}

let nextKey = 1;

export class Uploads {
  items = $state<PendingUpload[]>([]);
  /** The uploads under way (not state: nothing renders them). */
  readonly #requests: Record<number, XMLHttpRequest> = {};
  /** Each started upload's end, by key (for `upload`, which waits for one file). */
  readonly #ends: Record<number, Promise<void>> = {};

  /** Ids of the finished uploads, for `attachmentIds`. */
  get ids(): string[] {
    return this.items.filter((u) => u.state === 'done' && u.attachmentId).map((u) => u.attachmentId!);
  }
  /** Whether a file is still on its way (sending must wait). */
  get busy(): boolean {
    return this.items.some((u) => u.state === 'uploading');
  }

  /** Start uploading files (picked, dropped or pasted); too many or too large ones are refused here already. */
  add(files: readonly File[]): void {
    for (const file of files) {
      const item: PendingUpload = { key: nextKey++, name: file.name || 'file', size: file.size, progress: 0, state: 'uploading' };
      if (this.items.length >= ATTACHMENT_LIMITS.perMessage) {
        Object.assign(item, { state: 'failed', error: t('att.tooMany', { max: ATTACHMENT_LIMITS.perMessage }) });
      } else if (file.size > ATTACHMENT_LIMITS.maxBytes || file.size === 0) {
        Object.assign(item, { state: 'failed', error: file.size === 0 ? t('att.empty') : t('att.tooLarge', { max: formatSize(ATTACHMENT_LIMITS.maxBytes) }) });
      }
      this.items.push(item);
      if (item.state === 'uploading') this.#ends[item.key] = this.#upload(item.key, file);
    }
  }

  /** Upload one file like `add` and wait for it (issue 9: an image put into rich text): its attachment id, or undefined if refused or failed. */
  async upload(file: File): Promise<string | undefined> {
    this.add([file]);
    const item = this.items.at(-1);
    if (!item) return undefined;
    await this.#ends[item.key];
    delete this.#ends[item.key];
    return this.items.find((u) => u.key === item.key)?.attachmentId;
  }

  remove(key: number): void {
    this.#requests[key]?.abort();
    delete this.#requests[key];
    this.items = this.items.filter((u) => u.key !== key);
  }

  /** After sending: start over. */
  clear(): void {
    for (const u of this.items) this.remove(u.key);
  }

  #set(key: number, patch: Partial<PendingUpload>): void {
    const i = this.items.findIndex((u) => u.key === key);
    if (i >= 0) this.items[i] = { ...this.items[i]!, ...patch };
  }

  async #upload(key: number, file: File): Promise<void> {
    try {
      const announced = await api<Announced>('/attachments', {
        method: 'POST',
        body: { name: file.name || 'file', size: file.size, ...(file.type ? { contentType: file.type } : {}) },
      });
      if (!this.items.some((u) => u.key === key)) return; // removed meanwhile
      await new Promise<void>((resolve, reject) => {
        // XMLHttpRequest: fetch reports no upload progress
        const xhr = new XMLHttpRequest();
        this.#requests[key] = xhr;
        xhr.open('PUT', announced.uploadUrl);
        for (const [name, value] of Object.entries(announced.headers)) xhr.setRequestHeader(name, value);
        xhr.upload.onprogress = (e) => e.lengthComputable && this.#set(key, { progress: e.loaded / e.total });
        xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new Error(t('att.failed'))));
        xhr.onerror = () => reject(new Error(t('att.failed')));
        xhr.onabort = () => resolve();
        xhr.send(file);
      });
      delete this.#requests[key];
      if (this.items.some((u) => u.key === key)) this.#set(key, { state: 'done', progress: 1, attachmentId: announced.attachmentId });
    } catch (err) {
      delete this.#requests[key];
      this.#set(key, { state: 'failed', error: errorMessage(err) });
    }
  }
}

/** A file size for people: 830 B, 12 KB, 3.4 MB (in the current language's number format). */
export function formatSize(bytes: number): string {
  const locale = lang() === 'de' ? 'de-DE' : 'en-GB'; // as the dates (i18n.ts)
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024).toLocaleString(locale)} KB`;
  return `${(bytes / (1024 * 1024)).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
}

/** Files in a paste or drop (a screenshot in the clipboard arrives as an unnamed image file). */
export function filesOf(data: DataTransfer | null): File[] {
  if (!data) return [];
  const files = [...data.files];
  if (files.length === 0) {
    for (const item of data.items ?? []) {
      const f = item.kind === 'file' ? item.getAsFile() : null;
      if (f) files.push(f);
    }
  }
  return files.map((f) => (f.name && f.name !== 'image.png' ? f : new File([f], screenshotName(f.type), { type: f.type })));
}

function screenshotName(type: string): string {
  const ext = type.split('/')[1]?.replace('jpeg', 'jpg') || 'png';
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `screenshot-${stamp}.${ext}`;
}
