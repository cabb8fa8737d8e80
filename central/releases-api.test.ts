// Releases, rollouts and remote configuration at central: what an operator publishes reaches the
// terminals the rollout names (and no others), artifacts download in resumable ranges, and a
// terminal's reported local change shows as drift.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configAssignmentSchema, updateAssignmentSchema } from '../common/fleet-updates';
import { sampleHeartbeat } from './fleet/sample-heartbeat';
import { rolloutBucket } from './fleet/rollout';
import { centralHarness, OTHER_TERMINAL, TERMINAL, type CentralHarness } from './test-support/central-harness';
import { testReleaseKey } from './test-support/release-keys';

let h: CentralHarness;
const key = testReleaseKey();
const artifact = new Uint8Array(300_000).map((_, i) => (i * 31) % 251);

beforeEach(() => (h = centralHarness()));
afterEach(() => h.close());

async function assignment(terminal = TERMINAL, channel?: 'stable' | 'beta') {
  const r = await h.call({ ...terminal, method: 'GET', path: `/v1/updates/assignment${channel ? `?channel=${channel}` : ''}` });
  expect(r.status).toBe(200);
  return updateAssignmentSchema.parse(await r.json());
}

async function publish(version: string, bytes = artifact, channel: 'stable' | 'beta' = 'stable'): Promise<number> {
  const r = await h.admin('/v1/admin/releases', 'POST', key.release(bytes, version, { channel }));
  expect(r.status).toBe(200);
  return ((await r.json()) as { releaseId: number }).releaseId;
}

describe('releases and rollouts', () => {
  it('assigns a release to the groups its rollout names, holds it back when paused', async () => {
    expect((await assignment()).reason).toBe('no-release');
    const id = await publish('1.1.0');
    expect((await h.admin(`/v1/admin/terminals/${TERMINAL.terminalId}/group`, 'PUT', { group: 'pilot' })).status).toBe(200);
    expect((await h.admin(`/v1/admin/terminals/${OTHER_TERMINAL.terminalId}/group`, 'PUT', { group: 'hall' })).status).toBe(200);
    expect(
      (
        await h.admin(`/v1/admin/releases/${id}/rollout`, 'PUT', {
          stages: [
            { group: 'pilot', percent: 100 },
            { group: 'hall', percent: 0 },
          ],
        })
      ).status,
    ).toBe(200);
    expect((await assignment()).release?.version).toBe('1.1.0');
    expect(await assignment(OTHER_TERMINAL)).toEqual({ release: null, reason: 'not-in-rollout' });
    await h.admin(`/v1/admin/releases/${id}/rollout`, 'PUT', { stages: [{ group: 'pilot', percent: 100 }], paused: true });
    expect(await assignment()).toEqual({ release: null, reason: 'paused' });
  });

  it('takes a percentage of a group by a hash of the terminal id', async () => {
    const id = await publish('1.1.0');
    await h.admin(`/v1/admin/terminals/${TERMINAL.terminalId}/group`, 'PUT', { group: 'pilot' });
    const b = rolloutBucket(TERMINAL.terminalId);
    await h.admin(`/v1/admin/releases/${id}/rollout`, 'PUT', { stages: [{ group: 'pilot', percent: b }] });
    expect((await assignment()).reason).toBe('not-in-rollout');
    await h.admin(`/v1/admin/releases/${id}/rollout`, 'PUT', { stages: [{ group: 'pilot', percent: b + 1 }] });
    expect((await assignment()).reason).toBe('assigned');
  });

  it('never offers a beta release to a stable terminal; a beta terminal gets the newest of beta and stable', async () => {
    await h.admin(`/v1/admin/terminals/${TERMINAL.terminalId}/group`, 'PUT', { group: 'pilot' });
    const stable = await publish('1.1.0');
    const beta = await publish('1.2.0-beta.1', artifact.slice(1), 'beta');
    for (const id of [stable, beta]) await h.admin(`/v1/admin/releases/${id}/rollout`, 'PUT', { stages: [{ group: 'pilot', percent: 100 }] });
    // no channel stated: stable
    expect((await assignment()).release).toMatchObject({ version: '1.1.0', channel: 'stable' });
    expect((await assignment(TERMINAL, 'stable')).release).toMatchObject({ version: '1.1.0', channel: 'stable' });
    expect((await assignment(TERMINAL, 'beta')).release).toMatchObject({ version: '1.2.0-beta.1', channel: 'beta' });
    // only a beta release published: a stable terminal has nothing to run
    await h.admin(`/v1/admin/releases/${stable}/rollout`, 'PUT', { stages: [{ group: 'hall', percent: 100 }] });
    expect(await assignment(TERMINAL, 'stable')).toEqual({ release: null, reason: 'not-in-rollout' });
    const bad = await h.call({ method: 'GET', path: '/v1/updates/assignment?channel=nightly' });
    expect(bad.status).toBe(400);
  });

  it('a rollout never reaches a terminal outside the groups it names, nor one in no group', async () => {
    const id = await publish('1.1.0');
    await h.admin(`/v1/admin/releases/${id}/rollout`, 'PUT', { stages: [{ group: 'pilot', percent: 100 }] });
    expect(await assignment()).toEqual({ release: null, reason: 'not-in-rollout' });
    await h.admin(`/v1/admin/terminals/${TERMINAL.terminalId}/group`, 'PUT', { group: 'hall' });
    expect(await assignment()).toEqual({ release: null, reason: 'not-in-rollout' });
    await h.admin(`/v1/admin/terminals/${TERMINAL.terminalId}/group`, 'PUT', { group: 'pilot' });
    expect((await assignment()).reason).toBe('assigned');
  });

  it('refuses an artifact that is not what its manifest says', async () => {
    const signed = key.release(artifact, '1.2.0');
    const r = await h.admin('/v1/admin/releases', 'POST', { ...signed, artifactBase64: Buffer.from(artifact.slice(1)).toString('base64') });
    expect(r.status).toBe(422);
    expect(((await r.json()) as { error: string }).error).toBe('size-mismatch');
  });

  it('serves the artifact in ranges a download can resume from', async () => {
    await publish('1.1.0');
    const sha = key.release(artifact, '1.1.0').sha512;
    const r = await h.call({ method: 'GET', path: `/v1/releases/${sha}/artifact` });
    expect(r.status).toBe(206);
    // the signed client cannot set Range; the route's parser is exercised through the kiosk's downloader tests
    expect(r.headers.get('content-range')).toBe(`bytes 0-${artifact.length - 1}/${artifact.length}`);
    expect(Buffer.from(await r.arrayBuffer()).equals(artifact)).toBe(true);
  });
});

describe('remote configuration', () => {
  it('serves the group and terminal documents, refuses an older version and a document for another target', async () => {
    await h.admin(`/v1/admin/terminals/${TERMINAL.terminalId}/group`, 'PUT', { group: 'pilot' });
    expect((await h.admin('/v1/admin/configs/group/pilot', 'PUT', key.config('group', 'pilot', 2, { hallName: '试点大厅' }))).status).toBe(200);
    expect((await h.admin('/v1/admin/configs/group/pilot', 'PUT', key.config('group', 'pilot', 2, { hallName: 'x' }))).status).toBe(409);
    expect((await h.admin('/v1/admin/configs/group/hall', 'PUT', key.config('group', 'pilot', 3, {}))).status).toBe(422);
    await h.admin(`/v1/admin/configs/terminal/${TERMINAL.terminalId}`, 'PUT', key.config('terminal', TERMINAL.terminalId, 1, { township: '幸福街道' }));
    const r = await h.call({ method: 'GET', path: '/v1/config' });
    const got = configAssignmentSchema.parse(await r.json());
    expect(JSON.parse(got.group!.document)).toMatchObject({ version: 2, settings: { hallName: '试点大厅' } });
    expect(JSON.parse(got.terminal!.document)).toMatchObject({ version: 1, scope: 'terminal' });
    const other = configAssignmentSchema.parse(await (await h.call({ ...OTHER_TERMINAL, method: 'GET', path: '/v1/config' })).json());
    expect(other).toEqual({ group: null, terminal: null });
  });

  it('stores and serves SM2-signed releases and documents (国密) with their algorithm tag and signature unchanged', async () => {
    const sm2 = testReleaseKey('sm2');
    await h.admin(`/v1/admin/terminals/${TERMINAL.terminalId}/group`, 'PUT', { group: 'pilot' });
    const published = sm2.release(artifact, '2.0.0');
    const { artifactBase64: _, ...release } = published;
    const id = await h.admin('/v1/admin/releases', 'POST', published);
    expect(id.status).toBe(200);
    await h.admin(`/v1/admin/releases/${((await id.json()) as { releaseId: number }).releaseId}/rollout`, 'PUT', { stages: [{ group: 'pilot', percent: 100 }] });
    expect((await assignment()).release).toEqual(release);
    const doc = sm2.config('group', 'pilot', 1, { hallName: '国密大厅' });
    expect((await h.admin('/v1/admin/configs/group/pilot', 'PUT', doc)).status).toBe(200);
    const got = configAssignmentSchema.parse(await (await h.call({ method: 'GET', path: '/v1/config' })).json());
    expect(got.group).toEqual(doc);
    // a tag central does not know is refused at the door, not stored
    expect((await h.admin('/v1/admin/releases', 'POST', { ...sm2.release(artifact, '2.0.1'), algorithm: 'rsa' })).status).toBe(400);
  });

  it('serves a group document only to terminals of that group, and only when it signs that group as its target', async () => {
    const config = async (terminal = TERMINAL) => configAssignmentSchema.parse(await (await h.call({ ...terminal, method: 'GET', path: '/v1/config' })).json());
    await h.admin(`/v1/admin/terminals/${TERMINAL.terminalId}/group`, 'PUT', { group: 'pilot' });
    await h.admin(`/v1/admin/terminals/${OTHER_TERMINAL.terminalId}/group`, 'PUT', { group: 'hall' });
    expect((await h.admin('/v1/admin/configs/group/pilot', 'PUT', key.config('group', 'pilot', 1, { hallName: '试点大厅' }))).status).toBe(200);
    expect((await config()).group).not.toBeNull();
    expect((await config(OTHER_TERMINAL)).group).toBeNull();
    // moved to another group: the old group's document no longer reaches it
    await h.admin(`/v1/admin/terminals/${TERMINAL.terminalId}/group`, 'PUT', { group: 'hall' });
    expect((await config()).group).toBeNull();
    // a row that names another group inside its signature (written around the admin route's check) is not served
    h.store.putRemoteConfig('group', 'hall', 5, key.config('group', 'pilot', 5, { hallName: '别的大厅' }));
    h.store.putRemoteConfig('terminal', OTHER_TERMINAL.terminalId, 1, key.config('terminal', TERMINAL.terminalId, 1, {}));
    expect(await config()).toEqual({ group: null, terminal: null });
    expect(await config(OTHER_TERMINAL)).toEqual({ group: null, terminal: null });
  });

  it('records drift a terminal reports, and when it is back in line', async () => {
    const beat = (drift: string[]) =>
      h.call({
        method: 'POST',
        path: '/v1/heartbeats',
        json: sampleHeartbeat({ config: { applied: { group: 2, terminal: null }, drift: drift.length > 0, driftFields: drift, refused: null } }),
      });
    expect((await beat([])).status).toBe(200);
    await beat(['idle.warnAfterSec']);
    await beat(['idle.warnAfterSec']);
    await beat([]);
    const r = (await (await h.admin('/v1/admin/config-drift', 'GET')).json()) as { drift: { terminalId: string; fields: string[] }[] };
    expect(r.drift.map((d) => d.fields)).toEqual([[], ['idle.warnAfterSec']]);
    expect(r.drift[0]!.terminalId).toBe(TERMINAL.terminalId);
  });
});
