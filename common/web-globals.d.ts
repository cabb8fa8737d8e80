// The web-standard globals common/ may use: Node (≥ 20) and every browser the renderer runs in
// have them. common/tsconfig.layer.json type-checks common/ with these and the ECMAScript library
// only — no DOM, no Node — so anything else fails there. The root check (DOM + Node) leaves this
// file out, since the real declarations are there.
declare class TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
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
}
declare var crypto: { getRandomValues<T extends Uint8Array>(array: T): T; readonly subtle: SubtleCrypto };
