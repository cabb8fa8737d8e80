// The release manager's offline tool (`npm run release-key -- …`), run on a machine that holds
// the private key; central and terminals never see it.
//   generate <dir> [--suite sm]                      writes release.key (0600) and release.pub; paste release.pub into pinned-keys.ts
//                                                    (Ed25519; with --suite sm an SM2 key, what terminals of a 国密 deployment accept)
//   sign-release <key> <artifact> <version> [--rollback] [--channel beta]
//                                                    prints the JSON body of POST /v1/admin/releases (manifest, signature, artifact)
//   sign-config <key> <group|terminal> <target> <version> <settings.json>
//                                                    prints the JSON body of PUT /v1/admin/configs/{scope}/{target}
// sign-release and sign-config sign with whatever key the file holds (Ed25519 or SM2) and tag the
// signature with its algorithm.
import fs from 'node:fs';
import path from 'node:path';
import { suiteTagSchema } from '../../../common/crypto-suite/suite';
import { channelSchema, semverSchema } from '../../../common/fleet-updates';
import { generateReleaseKey, manifestFor, signRelease, signRemoteConfig } from './release-signing';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(64);
}

const [command, ...args] = process.argv.slice(2);
switch (command) {
  case 'generate': {
    const dir = args[0] ?? fail('usage: generate <dir> [--suite international|sm]');
    const at = args.indexOf('--suite');
    const suite = suiteTagSchema.safeParse(at >= 0 ? args[at + 1] : 'international');
    if (!suite.success) fail(`--suite must be international or sm: ${args[at + 1] ?? ''}`);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const pair = generateReleaseKey(suite.data === 'sm' ? 'sm2' : 'ed25519');
    fs.writeFileSync(path.join(dir, 'release.key'), pair.privateKey, { mode: 0o600, flag: 'wx' });
    fs.writeFileSync(path.join(dir, 'release.pub'), pair.publicKey);
    process.stdout.write(pair.publicKey);
    break;
  }
  case 'sign-release': {
    const [keyFile, artifactFile, version] = args;
    if (!keyFile || !artifactFile || !version) fail('usage: sign-release <key> <artifact> <version> [--rollback] [--channel stable|beta]');
    if (!semverSchema.safeParse(version).success) fail(`version must be x.y.z: ${version}`);
    const ch = args.indexOf('--channel');
    const channel = channelSchema.parse(ch >= 0 ? args[ch + 1] : 'stable');
    const artifact = new Uint8Array(fs.readFileSync(artifactFile));
    const release = signRelease(manifestFor(artifact, version, { channel, rollback: args.includes('--rollback') }), fs.readFileSync(keyFile, 'utf8'));
    process.stdout.write(JSON.stringify({ ...release, artifactBase64: Buffer.from(artifact).toString('base64') }) + '\n');
    break;
  }
  case 'sign-config': {
    const [keyFile, scope, target, version, settingsFile] = args;
    if (!keyFile || (scope !== 'group' && scope !== 'terminal') || !target || !version || !settingsFile) fail('usage: sign-config <key> <group|terminal> <target> <version> <settings.json>');
    const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
    process.stdout.write(JSON.stringify(signRemoteConfig({ version: Number(version), scope, target, settings }, fs.readFileSync(keyFile, 'utf8'))) + '\n');
    break;
  }
  default:
    fail('usage: release-key generate <dir> [--suite sm] | sign-release <key> <artifact> <version> [--rollback] | sign-config <key> <scope> <target> <version> <settings.json>');
}
