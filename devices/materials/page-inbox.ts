// Page images waiting to become a case's materials: scanned pages and document-camera captures
// land here, and the materials workflow takes them. Bounded, and cleared at the end of a
// citizen's session so nobody's papers stay behind for the next person.
import crypto from 'node:crypto';
import type { PageProblem } from '../../common/device-failures';
import { err, ok, type Result } from '../../common/result';
import { imageInfo, type ImageInfo } from './image-info';

export interface InboxPage extends ImageInfo {
  id: string;
  source: 'scanner' | 'camera';
  bytes: Uint8Array;
  capturedAt: string;
}

export type PageMeta = Omit<InboxPage, 'bytes'> & { size: number };

export const PAGE_LIMITS = { maxBytes: 10 * 1024 * 1024, minWidth: 320, minHeight: 240, maxPages: 100 };

export class PageInbox {
  private readonly pages = new Map<string, InboxPage>();

  /** The image as a page, or why it cannot be one (a code the screens word). */
  add(source: InboxPage['source'], bytes: Uint8Array): Result<PageMeta, PageProblem> {
    if (bytes.length > PAGE_LIMITS.maxBytes) return err({ problem: 'too-large', mb: Math.round(bytes.length / 1048576), maxMb: PAGE_LIMITS.maxBytes / 1048576 });
    const info = imageInfo(bytes);
    if (!info) return err({ problem: 'not-an-image' });
    if (info.width < PAGE_LIMITS.minWidth || info.height < PAGE_LIMITS.minHeight) return err({ problem: 'too-small', width: info.width, height: info.height });
    if (this.pages.size >= PAGE_LIMITS.maxPages) return err({ problem: 'too-many-pages' });
    const page: InboxPage = { id: crypto.randomUUID(), source, bytes, capturedAt: new Date().toISOString(), ...info };
    this.pages.set(page.id, page);
    return ok(meta(page));
  }

  list(): PageMeta[] {
    return [...this.pages.values()].map(meta);
  }

  get(id: string): InboxPage | undefined {
    return this.pages.get(id);
  }

  take(id: string): InboxPage | undefined {
    const p = this.pages.get(id);
    this.pages.delete(id);
    return p;
  }

  clear(): void {
    this.pages.clear();
  }
}

function meta(p: InboxPage): PageMeta {
  const { bytes, ...rest } = p;
  return { ...rest, size: bytes.length };
}
