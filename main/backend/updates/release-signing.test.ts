// The release manager's SM2 keys and signatures interoperate with OpenSSL, an independent SM2
// implementation: OpenSSL reads our key files and verifies our release signatures (SM3, signer ID
// 1234567812345678), and a key OpenSSL made signs releases here that terminals accept. The
// offline CLI makes an SM2 pair with `--suite sm` and signs releases and configuration with it.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { opensslSm2Verify, opensslWorkdir, rsToDer } from '../../../common/test-support/openssl-cli';
import { releaseSignedBytes, signedReleaseSchema, signedRemoteConfigSchema } from '../../../common/fleet-updates';
import { checkManifest } from './release-check';
import { generateReleaseKey, manifestFor, signRelease, signRemoteConfig } from './release-signing';
import { sm2KeyPairFromPem, sm2PublicKeyFromPem } from './sm2-key-pem';

const work = opensslWorkdir();
afterAll(() => work.remove());
const artifact = new Uint8Array(4096).map((_, i) => (i * 13) % 251);
const openssl = (args: string[]): string => execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('SM2 release keys and OpenSSL', () => {
  it('OpenSSL reads our private key file and derives our public key file from it', () => {
    const key = generateReleaseKey('sm2');
    const file = path.join(work.dir, 'ours.key');
    fs.writeFileSync(file, key.privateKey, { mode: 0o600 });
    expect(openssl(['pkey', '-in', file, '-pubout'])).toBe(key.publicKey);
    expect(openssl(['pkey', '-in', file, '-noout', '-text'])).toContain('SM2');
  });

  it('OpenSSL verifies our SM2 release signature, and not one over other bytes', () => {
    const key = generateReleaseKey('sm2');
    const release = signRelease(manifestFor(artifact, '2.0.0'), key.privateKey);
    const point = sm2PublicKeyFromPem(key.publicKey)!;
    const der = rsToDer(Buffer.from(release.signature, 'base64'));
    expect(opensslSm2Verify(work.dir, point, releaseSignedBytes(release), der)).toBe(true);
    expect(opensslSm2Verify(work.dir, point, releaseSignedBytes({ ...release, version: '2.0.1' }), der)).toBe(false);
  });

  it('a key OpenSSL generated signs releases here that a terminal pinning its public key accepts', () => {
    const file = path.join(work.dir, 'openssl.key');
    openssl(['genpkey', '-algorithm', 'SM2', '-out', file]);
    const privateKey = fs.readFileSync(file, 'utf8');
    const publicKey = openssl(['pkey', '-in', file, '-pubout']);
    expect(sm2KeyPairFromPem(privateKey)).not.toBeNull();
    const release = signRelease(manifestFor(artifact, '2.0.0'), privateKey);
    expect(release.algorithm).toBe('sm2');
    expect(checkManifest(release, '1.0.0', { suite: 'sm', keys: [{ algorithm: 'sm2', publicKey }] }).ok).toBe(true);
  });

  it('refuses to sign with a key file whose public point is not its scalar’s', () => {
    const a = sm2KeyPairFromPem(generateReleaseKey('sm2').privateKey)!;
    const b = sm2KeyPairFromPem(generateReleaseKey('sm2').privateKey)!;
    const der = Buffer.concat([Buffer.from('308187020100301306072a8648ce3d020106082a811ccf5501822d046d306b0201010420', 'hex'), a.privateKey, Buffer.from('a144034200', 'hex'), b.publicKey]);
    const mixed = `-----BEGIN PRIVATE KEY-----\n${der.toString('base64')}\n-----END PRIVATE KEY-----\n`;
    expect(() => signRelease(manifestFor(artifact, '2.0.0'), mixed)).toThrow(/not its private key/);
  });

  it('reads no SM2 key out of an Ed25519 key, garbage or a truncated file', () => {
    const ed = generateReleaseKey('ed25519');
    const sm = generateReleaseKey('sm2');
    expect(sm2KeyPairFromPem(ed.privateKey)).toBeNull();
    expect(sm2PublicKeyFromPem(ed.publicKey)).toBeNull();
    expect(sm2PublicKeyFromPem('-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----\n')).toBeNull();
    const der = Buffer.from(sm.publicKey.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
    expect(sm2PublicKeyFromPem(`-----BEGIN PUBLIC KEY-----\n${der.subarray(0, -1).toString('base64')}\n-----END PUBLIC KEY-----\n`)).toBeNull();
    expect(sm2PublicKeyFromPem(`-----BEGIN PUBLIC KEY-----\n${der.toString('base64')}\n-----END PUBLIC KEY-----\n`)).not.toBeNull();
    expect(sm2KeyPairFromPem(sm.publicKey)).toBeNull();
  });
});

describe('npm run release-key with --suite sm', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'release-key-cli.ts'), ...args], { encoding: 'utf8', timeout: 60_000 });

  it('generates an SM2 pair and signs a release and a configuration document with it', () => {
    const dir = path.join(work.dir, 'keys');
    const generated = cli(['generate', dir, '--suite', 'sm']);
    expect(generated.stderr).toBe('');
    expect(generated.status).toBe(0);
    const publicKey = fs.readFileSync(path.join(dir, 'release.pub'), 'utf8');
    expect(generated.stdout).toBe(publicKey);
    expect(sm2PublicKeyFromPem(publicKey)).not.toBeNull();
    expect(fs.statSync(path.join(dir, 'release.key')).mode & 0o777).toBe(0o600);

    const artifactFile = path.join(work.dir, 'bundle.tar.gz');
    fs.writeFileSync(artifactFile, artifact);
    const signed = cli(['sign-release', path.join(dir, 'release.key'), artifactFile, '3.0.0']);
    expect(signed.status).toBe(0);
    const release = signedReleaseSchema.parse(JSON.parse(signed.stdout));
    expect(release.algorithm).toBe('sm2');
    expect(checkManifest(release, '2.9.0', { suite: 'sm', keys: [{ algorithm: 'sm2', publicKey }] }).ok).toBe(true);

    const settingsFile = path.join(work.dir, 'settings.json');
    fs.writeFileSync(settingsFile, JSON.stringify({ hallName: '国密大厅' }));
    const config = cli(['sign-config', path.join(dir, 'release.key'), 'group', 'pilot', '1', settingsFile]);
    expect(config.status).toBe(0);
    const doc = signedRemoteConfigSchema.parse(JSON.parse(config.stdout));
    expect(doc).toMatchObject({ algorithm: 'sm2' });
    expect(signRemoteConfig(JSON.parse(doc.document) as never, fs.readFileSync(path.join(dir, 'release.key'), 'utf8')).document).toBe(doc.document);
  }, 90_000);

  it('refuses a suite it does not know, writing nothing', () => {
    const dir = path.join(work.dir, 'nokeys');
    const r = cli(['generate', dir, '--suite', 'rsa']);
    expect(r.status).toBe(64);
    expect(r.stderr).toContain('--suite must be international or sm');
    expect(fs.existsSync(dir)).toBe(false);
  }, 60_000);
});
