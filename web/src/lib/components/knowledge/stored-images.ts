/**
 * Rich text of knowledge names its images as stored files (`<img data-attachment-id>`, issue 9),
 * never by address: each one gets a short-lived download address when the text is shown. One
 * helper for every reader of such text (article bodies, FAQ answers).
 */
import type { Attachment } from 'svelte/attachments';
import { api } from '../../api.ts';

/** A file's download address for the signed-in user (a 401 is no reason to leave the page: the image just does not show). */
export const readStoredFile = async (id: string): Promise<string> =>
  (await api<{ url: string }>(`/attachments/${encodeURIComponent(id)}`, { allow401: true })).url;

/**
 * For an anonymous reader of a public portal: the portal's public file route, which redirects to
 * the file (`getPublicFile`; an `<img>` follows it, no request of ours needed).
 */
export const publicFileOf =
  (slug: string) =>
  async (id: string): Promise<string> =>
    `/api/v1/knowledge/${encodeURIComponent(slug)}/files/${encodeURIComponent(id)}`;

/** Give every stored image in `box` that has no address yet one; an unreadable one becomes its alt text. */
export function showStoredImages(box: HTMLElement, read: (id: string) => Promise<string> = readStoredFile): void {
  for (const img of box.querySelectorAll<HTMLImageElement>('img[data-attachment-id]')) {
    const id = img.dataset.attachmentId;
    if (!id || img.getAttribute('src')) continue;
    read(id)
      .then((url) => img.setAttribute('src', url))
      .catch(() => img.replaceWith(document.createTextNode(img.alt)));
  }
}

/** `{@attach storedImages(html)}` on the element that holds `html`: its images show (again whenever `html` changes). */
export const storedImages =
  (html: string, read?: (id: string) => Promise<string>): Attachment<HTMLElement> =>
  (box) => {
    void html;
    // after the text itself is in place (it is the element's content, rendered in the same pass)
    queueMicrotask(() => showStoredImages(box, read));
  };
