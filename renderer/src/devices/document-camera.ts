// Document camera (高拍仪) in the renderer: a UVC camera opened with getUserMedia, a page
// captured from the live video at full resolution, and the image posted to the backend, which
// puts it in the same materials inbox as scanned pages. No Node APIs; no React.
import { bilingual } from '../../../common/device-words';
import { hc } from 'hono/client';
import type { KioskApi } from '../api';
import { err, ok, type Result } from '../../../common/result';
import { call, type Answer } from '../call';
import { BACKEND_UNREACHABLE } from '../i18n/http-words';

export type CameraProblem =
  | { kind: 'no-camera'; message: string }
  | { kind: 'permission-denied'; message: string }
  | { kind: 'busy'; message: string }
  | { kind: 'not-ready'; message: string }
  | { kind: 'error'; message: string };

const TEXT = {
  'no-camera': '未找到高拍仪，请联系工作人员 / No document camera found, please ask staff.',
  'permission-denied': '无法使用高拍仪（权限被拒绝）/ The document camera is not allowed.',
  busy: '高拍仪被占用，请稍后再试 / The document camera is busy, please try again.',
  'not-ready': '画面尚未就绪，请稍候 / The camera picture is not ready yet.',
  error: '高拍仪出错 / Document camera error.',
} as const;

const problem = (kind: CameraProblem['kind'], detail?: string): CameraProblem => ({ kind, message: detail ? `${TEXT[kind]} (${detail})` : TEXT[kind] });

export interface DocumentCamera {
  stream: MediaStream;
  label: string;
  /** the live picture's size in pixels */
  width: number;
  height: number;
  stop(): void;
}

export interface OpenOptions {
  /** pick the camera whose label matches (document cameras often say "Document" or "高拍") */
  prefer?: RegExp;
  /** ideal capture size; document cameras deliver 5–16 MP, 1920×1080 reads an A4 page well */
  width?: number;
  height?: number;
}

/** Opens the document camera and shows it in `video`. */
export async function openDocumentCamera(video: HTMLVideoElement, opts: OpenOptions = {}): Promise<Result<DocumentCamera, CameraProblem>> {
  const md = navigator.mediaDevices;
  if (!md?.getUserMedia) return err(problem('no-camera', 'mediaDevices unavailable'));
  let deviceId: string | undefined;
  try {
    const inputs = (await md.enumerateDevices()).filter((d) => d.kind === 'videoinput');
    if (opts.prefer) deviceId = inputs.find((d) => opts.prefer!.test(d.label))?.deviceId;
  } catch {
    // enumerate may fail before permission is granted; getUserMedia below decides
  }
  let stream: MediaStream;
  try {
    stream = await md.getUserMedia({
      audio: false,
      video: { ...(deviceId ? { deviceId: { exact: deviceId } } : {}), width: { ideal: opts.width ?? 1920 }, height: { ideal: opts.height ?? 1080 } },
    });
  } catch (e) {
    const name = (e as DOMException).name;
    if (name === 'NotAllowedError' || name === 'SecurityError') return err(problem('permission-denied'));
    if (name === 'NotFoundError' || name === 'OverconstrainedError') return err(problem('no-camera'));
    if (name === 'NotReadableError' || name === 'AbortError') return err(problem('busy'));
    return err(problem('error', (e as Error).message));
  }
  video.srcObject = stream;
  video.muted = true;
  video.playsInline = true;
  try {
    await video.play();
  } catch {
    // autoplay policies: the frame still arrives; capturePage waits for it
  }
  const track = stream.getVideoTracks()[0]!;
  const settings = track.getSettings();
  return ok({
    stream,
    label: track.label,
    width: settings.width ?? video.videoWidth,
    height: settings.height ?? video.videoHeight,
    stop: () => {
      for (const t of stream.getTracks()) t.stop();
      video.srcObject = null;
    },
  });
}

/** Grabs the current frame at the camera's full resolution as a JPEG (or PNG). */
export async function capturePage(video: HTMLVideoElement, opts: { mime?: 'image/jpeg' | 'image/png'; quality?: number; waitMs?: number } = {}): Promise<Result<Blob, CameraProblem>> {
  const deadline = Date.now() + (opts.waitMs ?? 3000);
  while (video.videoWidth === 0 || video.readyState < 2) {
    if (Date.now() > deadline) return err(problem('not-ready'));
    await new Promise((r) => setTimeout(r, 50));
  }
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const g = canvas.getContext('2d');
  if (!g) return err(problem('error', 'no 2d context'));
  g.drawImage(video, 0, 0);
  const mime = opts.mime ?? 'image/jpeg';
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, mime, opts.quality ?? 0.9));
  return blob ? ok(blob) : err(problem('error', 'encoding the picture failed'));
}

type CameraPages = ReturnType<typeof hc<KioskApi>>['devices']['camera']['pages'];
export type UploadedPage = Answer<CameraPages['$post']>['page'];

/** Sends a captured page to the backend's materials inbox. */
export async function uploadPage(blob: Blob, base = '/api'): Promise<Result<UploadedPage, string>> {
  // The route reads raw image bytes, which the typed client has no argument for: the body rides in `init`.
  const pages = hc<KioskApi>(new URL(base, location.origin).href).devices.camera.pages;
  try {
    const r = await call(pages.$post({}, { headers: { 'Content-Type': blob.type }, init: { body: blob, credentials: 'same-origin' } }));
    return r.ok ? ok(r.value.page) : err(r.error.message);
  } catch {
    return err(bilingual(BACKEND_UNREACHABLE));
  }
}
