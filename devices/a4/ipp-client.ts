// IPP over HTTP to the local CUPS scheduler: printer state, job submission, job state, cancel.
import os from 'node:os';
import { err, ok, type Result } from '../../common/result';
import { attr, decodeIpp, encodeIpp, Op, Tag, type IppAttribute, type IppMessage } from './ipp-codec';

export type IppTransportError = { kind: 'unavailable'; detail: string } | { kind: 'protocol'; detail: string };

let requestCounter = 1;

export class IppClient {
  constructor(
    readonly base = 'http://localhost:631',
    readonly user = safeUser(),
    private readonly timeoutMs = 5000,
  ) {}

  printerUri(queue: string): string {
    return `ipp://localhost/printers/${encodeURIComponent(queue)}`;
  }

  async request(path: string, op: number, attributes: IppAttribute[], data?: Uint8Array): Promise<Result<IppMessage, IppTransportError>> {
    const body = encodeIpp({
      code: op,
      requestId: requestCounter++,
      groups: [
        {
          tag: Tag.operation,
          attributes: [{ tag: Tag.charset, name: 'attributes-charset', values: ['utf-8'] }, { tag: Tag.language, name: 'attributes-natural-language', values: ['zh-cn'] }, ...attributes],
        },
      ],
      data,
    });
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/ipp' },
        body: new Blob([body as Uint8Array<ArrayBuffer>]),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      return err({ kind: 'unavailable', detail: `cannot reach CUPS at ${this.base}: ${cause?.code ?? cause?.message ?? (e as Error).message}` });
    }
    if (!res.ok) return err({ kind: 'protocol', detail: `HTTP ${res.status} from CUPS` });
    const decoded = decodeIpp(new Uint8Array(await res.arrayBuffer()));
    if (!decoded.ok) return err({ kind: 'protocol', detail: `unreadable IPP answer (${decoded.error.kind} at ${decoded.error.at})` });
    return ok(decoded.value);
  }

  getPrinter(queue: string) {
    return this.request(`/printers/${encodeURIComponent(queue)}`, Op.getPrinterAttributes, [
      { tag: Tag.uri, name: 'printer-uri', values: [this.printerUri(queue)] },
      { tag: Tag.name, name: 'requesting-user-name', values: [this.user] },
      { tag: Tag.keyword, name: 'requested-attributes', values: ['printer-state', 'printer-state-reasons', 'printer-state-message', 'printer-is-accepting-jobs', 'printer-make-and-model'] },
    ]);
  }

  printJob(queue: string, pdf: Uint8Array, title: string) {
    return this.request(
      `/printers/${encodeURIComponent(queue)}`,
      Op.printJob,
      [
        { tag: Tag.uri, name: 'printer-uri', values: [this.printerUri(queue)] },
        { tag: Tag.name, name: 'requesting-user-name', values: [this.user] },
        { tag: Tag.name, name: 'job-name', values: [title] },
        { tag: Tag.mime, name: 'document-format', values: ['application/pdf'] },
      ],
      pdf,
    );
  }

  getJob(jobId: number) {
    return this.request('/jobs', Op.getJobAttributes, [
      { tag: Tag.uri, name: 'job-uri', values: [`ipp://localhost/jobs/${jobId}`] },
      { tag: Tag.name, name: 'requesting-user-name', values: [this.user] },
      { tag: Tag.keyword, name: 'requested-attributes', values: ['job-state', 'job-state-reasons', 'job-state-message', 'job-impressions-completed', 'job-media-sheets-completed'] },
    ]);
  }

  cancelJob(jobId: number) {
    return this.request('/jobs', Op.cancelJob, [
      { tag: Tag.uri, name: 'job-uri', values: [`ipp://localhost/jobs/${jobId}`] },
      { tag: Tag.name, name: 'requesting-user-name', values: [this.user] },
    ]);
  }
}

function safeUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'kiosk';
  }
}

export { attr };
