// Page images waiting to become a case's materials: scanned pages and document-camera captures
// land here, and the materials workflow takes them. Bounded, and cleared at the end of a
// citizen's session so nobody's papers stay behind for the next person.
import crypto from 'node:crypto';
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

  add(source: InboxPage['source'], bytes: Uint8Array): Result<PageMeta, string> {
    if (bytes.length > PAGE_LIMITS.maxBytes) return err(`图片过大（${Math.round(bytes.length / 1048576)} MB）/ image larger than ${PAGE_LIMITS.maxBytes / 1048576} MB`);
    const info = imageInfo(bytes);
    if (!info) return err('不是 JPEG 或 PNG 图片 / not a JPEG or PNG image');
    if (info.width < PAGE_LIMITS.minWidth || info.height < PAGE_LIMITS.minHeight)
      return err(`图片太小（${info.width}×${info.height}），无法辨认 / image too small to read (${info.width}×${info.height})`);
    if (this.pages.size >= PAGE_LIMITS.maxPages) return err('待提交页数已达上限 / too many pages waiting');
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
