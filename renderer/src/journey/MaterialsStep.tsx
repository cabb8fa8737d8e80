// Step 3: the checklist from the guide. Shared materials and the on-screen form are marked and
// not asked for; each material to hand in is scanned (feeder or one page) or photographed with
// the document camera, each page previewed with delete and retake. Pages stay in the backend's
// inbox; only their ids live here.
import { useEffect, useRef, useState } from 'react';
import type { Service } from '../../../common/catalog';
import { api } from '../api';
import { call, send } from '../call';
import { capturePage, openDocumentCamera, uploadPage, type DocumentCamera } from '../devices/document-camera';
import type { ScannedPage } from './journey-types';
import { useJourneyT } from './strings';
import { StepShell } from './StepShell';

type Busy = { materialId: string; kind: 'scan' | 'camera' } | null;

export function MaterialsStep(props: { service: Service; pages: Record<string, ScannedPage[]>; onPages: (materialId: string, pages: ScannedPage[]) => void; problem: string | null }) {
  const t = useJourneyT();
  const [busy, setBusy] = useState<Busy>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [cameraFor, setCameraFor] = useState<{ materialId: string; replace: string | null } | null>(null);
  const formMaterial = props.service.form?.materialId ?? null;

  const scan = async (materialId: string, source: 'adf' | 'flatbed', replace: string | null = null) => {
    setBusy({ materialId, kind: 'scan' });
    setMessage(null);
    try {
      const r = await call(api.devices.scan.$post({ json: { source, mode: 'color', resolution: 200, format: 'jpeg' } }));
      // A scan that stopped part-way (409) still hands over the pages it took.
      const pages = r.ok ? r.value.pages : r.error.status === 409 ? r.error.body.pages : null;
      if (!r.ok) setMessage(r.error.message);
      if (pages)
        add(
          materialId,
          pages.map((p) => ({ id: p.id, width: p.width, height: p.height })),
          replace,
        );
    } catch {
      setMessage('扫描仪暂时无法使用 / the scanner is not available');
    } finally {
      setBusy(null);
    }
  };

  const add = (materialId: string, got: ScannedPage[], replace: string | null) => {
    const current = props.pages[materialId] ?? [];
    if (replace) {
      void send(api.devices.pages[':id'].$delete({ param: { id: replace } }));
      const i = current.findIndex((p) => p.id === replace);
      props.onPages(materialId, [...current.slice(0, i), ...got, ...current.slice(i + 1)]);
    } else props.onPages(materialId, [...current, ...got]);
  };

  const remove = (materialId: string, id: string) => {
    void send(api.devices.pages[':id'].$delete({ param: { id } }));
    props.onPages(
      materialId,
      (props.pages[materialId] ?? []).filter((p) => p.id !== id),
    );
  };

  return (
    <StepShell id="materials" title={t.materialsTitle} lead={t.materialsLead} problem={message || props.problem ? { testId: 'materials-message', text: message ?? props.problem } : null}>
      <ol className="checklist">
        {props.service.materials.map((m) => {
          const pages = props.pages[m.id] ?? [];
          const askFor = !m.sharedFrom && m.id !== formMaterial;
          return (
            <li key={m.id} className="checklist-item" data-testid="checklist-item" data-material={m.id} data-handling={m.sharedFrom ? 'shared' : m.id === formMaterial ? 'form' : 'scan'}>
              <div className="checklist-head">
                <h2 className="checklist-name" lang="zh-CN">
                  {m.name}
                </h2>
                {!m.required && <span className="badge">{t.optional}</span>}
                {m.rongque && askFor && <span className="badge badge-rongque">{t.rongque}</span>}
              </div>
              {m.sharedFrom ? (
                <p className="badge badge-shared" data-testid="material-shared">
                  {t.sharedMaterial(m.sharedFrom)}
                </p>
              ) : m.id === formMaterial ? (
                <p className="badge badge-shared">{t.formMaterial}</p>
              ) : (
                <>
                  <p className="checklist-status" data-testid="material-pages">
                    {pages.length ? t.pages(pages.length) : t.notScanned}
                  </p>
                  {pages.length > 0 && (
                    <ul className="page-thumbs">
                      {pages.map((p, i) => (
                        <li key={p.id} className="page-thumb" data-testid="page-thumb">
                          <img src={`/api/devices/pages/${p.id}`} alt={`${m.name} ${t.page(i + 1)}`} />
                          <div className="page-actions">
                            <button type="button" className="btn btn-secondary" onClick={() => void scan(m.id, 'flatbed', p.id)} disabled={!!busy} data-testid="page-retake">
                              {t.retakePage}
                            </button>
                            <button type="button" className="btn btn-secondary" onClick={() => remove(m.id, p.id)} disabled={!!busy} data-testid="page-delete">
                              {t.deletePage}
                            </button>
                          </div>
                        </li>
                      ))}
                    </ul>
                  )}
                  <div className="checklist-actions">
                    <button type="button" className="btn btn-primary" onClick={() => void scan(m.id, 'adf')} disabled={!!busy} data-testid="scan-adf">
                      {t.scanAdf}
                    </button>
                    <button type="button" className="btn btn-secondary" onClick={() => void scan(m.id, 'flatbed')} disabled={!!busy} data-testid="scan-flatbed">
                      {t.scanFlatbed}
                    </button>
                    <button type="button" className="btn btn-secondary" onClick={() => setCameraFor({ materialId: m.id, replace: null })} disabled={!!busy} data-testid="scan-camera">
                      {t.camera}
                    </button>
                  </div>
                  {busy?.materialId === m.id && (
                    <p role="status" className="journey-status" data-testid="scanning" data-spoken>
                      {t.scanning}
                    </p>
                  )}
                </>
              )}
            </li>
          );
        })}
      </ol>
      {cameraFor && <CameraPanel onClose={() => setCameraFor(null)} onPage={(p) => add(cameraFor.materialId, [p], cameraFor.replace)} onProblem={setMessage} />}
    </StepShell>
  );
}

function CameraPanel({ onClose, onPage, onProblem }: { onClose: () => void; onPage: (p: ScannedPage) => void; onProblem: (m: string) => void }) {
  const t = useJourneyT();
  const video = useRef<HTMLVideoElement>(null);
  const cam = useRef<DocumentCamera | null>(null);
  const [ready, setReady] = useState(false);
  // The camera opens once per panel; the callbacks change with every parent render.
  const callbacks = useRef({ onClose, onProblem });
  callbacks.current = { onClose, onProblem };
  useEffect(() => {
    let stopped = false;
    void openDocumentCamera(video.current!, { prefer: /document|高拍/i }).then((r) => {
      // A panel closed (or an effect re-run) before the camera opened: stop that stream only,
      // without clearing the video element another opening may already be showing.
      if (stopped) return r.ok && r.value.stream.getTracks().forEach((tr) => tr.stop());
      if (r.ok) {
        cam.current = r.value;
        setReady(true);
      } else {
        callbacks.current.onProblem(r.error.message);
        callbacks.current.onClose();
      }
    });
    return () => {
      stopped = true;
      cam.current?.stop();
    };
  }, []);
  const take = async () => {
    const blob = await capturePage(video.current!);
    if (!blob.ok) return onProblem(blob.error.message);
    const up = await uploadPage(blob.value);
    if (!up.ok) return onProblem(up.error);
    onPage({ id: up.value.id, width: up.value.width, height: up.value.height });
  };
  return (
    <div className="camera-panel" role="dialog" aria-modal="true" aria-label={t.camera} data-testid="camera-panel">
      <video ref={video} className="camera-video" muted playsInline aria-label={t.camera} />
      <div className="checklist-actions">
        <button type="button" className="btn btn-primary btn-xl" disabled={!ready} onClick={() => void take()} data-testid="camera-take">
          {t.cameraTake}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onClose} data-testid="camera-close">
          {t.cameraClose}
        </button>
      </div>
    </div>
  );
}
