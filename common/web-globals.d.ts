// The web-standard globals common/ may use: Node (≥ 20) and every browser the renderer runs in
// have them. common/tsconfig.layer.json type-checks common/ with these and the ECMAScript library
// only — no DOM, no Node — so anything else fails there. The root check (DOM + Node) leaves this
// file out, since the real declarations are there.
declare class TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
declare function btoa(data: string): string;
declare function atob(data: string): string;
interface CryptoKey {
  readonly type: string;
}
interface SubtleCrypto {
  digest(algorithm: 'SHA-256', data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer>;
  importKey(format: 'raw', keyData: Uint8Array<ArrayBuffer>, algorithm: { name: 'HMAC'; hash: 'SHA-256' }, extractable: boolean, keyUsages: 'sign'[]): Promise<CryptoKey>;
  sign(algorithm: 'HMAC', key: CryptoKey, data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer>;
  // Ed25519: the 网证 test issuer (netid-test-issuer.ts) signs with its published JWK
  importKey(format: 'jwk', keyData: { kty: 'OKP'; crv: 'Ed25519'; x: string; d: string }, algorithm: { name: 'Ed25519' }, extractable: boolean, keyUsages: 'sign'[]): Promise<CryptoKey>;
  sign(algorithm: { name: 'Ed25519' }, key: CryptoKey, data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer>;
}
declare var crypto: { getRandomValues<T extends Uint8Array>(array: T): T; readonly subtle: SubtleCrypto };
