// Loaded with `node --import`: runs the crypto suite as it would run inside Electron, with no
// OpenSSL algorithm reachable. For the suite and the libraries under it (sm-crypto-v2, @noble),
// `node:crypto` (ESM import or CommonJS require) is replaced by a module whose every algorithm
// entry point throws and which keeps only getRandomValues; globalThis.crypto is cut down to
// getRandomValues as well (no SubtleCrypto). Randomness is all Electron is relied on for.
import { Module, register } from 'node:module';
import { webcrypto } from 'node:crypto';

const random = { getRandomValues: (a) => webcrypto.getRandomValues(a) };
Object.defineProperty(globalThis, 'crypto', { value: random, configurable: true, enumerable: true, writable: false });

const REFUSED = [
  'createHash',
  'createHmac',
  'createCipheriv',
  'createDecipheriv',
  'createSign',
  'createVerify',
  'sign',
  'verify',
  'hkdfSync',
  'pbkdf2Sync',
  'scryptSync',
  'generateKeyPairSync',
  'createPrivateKey',
  'createPublicKey',
  'createSecretKey',
  'diffieHellman',
  'createECDH',
  'getHashes',
  'getCiphers',
  'getCurves',
  'randomBytes',
];
const GUARDED = /crypto-suite|sm-crypto-v2|@noble/;

const stubSource = `
  import { webcrypto as real } from 'node:crypto';
  const refuse = (name) => () => { throw new Error('node:crypto.' + name + ' used by the pure-JS path'); };
  export const webcrypto = { getRandomValues: (a) => real.getRandomValues(a) };
  ${REFUSED.map((n) => `export const ${n} = refuse('${n}');`).join('\n')}
  export default { webcrypto, ${REFUSED.join(', ')} };`;
const STUB_URL = `data:text/javascript,${encodeURIComponent(stubSource)}`;

register(
  `data:text/javascript,${encodeURIComponent(`
    export async function resolve(specifier, context, next) {
      if ((specifier === 'crypto' || specifier === 'node:crypto') && ${GUARDED}.test(context.parentURL ?? '')) return { url: ${JSON.stringify(STUB_URL)}, shortCircuit: true };
      return next(specifier, context);
    }`)}`,
);

const refuse = (name) => () => {
  throw new Error(`node:crypto.${name} used by the pure-JS path`);
};
const cjsStub = { webcrypto: random, ...Object.fromEntries(REFUSED.map((n) => [n, refuse(n)])) };
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if ((request === 'crypto' || request === 'node:crypto') && GUARDED.test(parent?.filename ?? '')) return cjsStub;
  return load.call(this, request, parent, isMain);
};
