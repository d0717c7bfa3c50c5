/**
 * The bytes of the evidence chain, the same in the browser and in Node (both have WebCrypto):
 * each event's hash is SHA-256 over the RFC 8785 canonical JSON of the event without `hash` and
 * `sig` (so it covers `prevHash`), and its signature is ECDSA P-256 with SHA-256 over those same
 * bytes, in WebCrypto's IEEE P1363 form (r ‖ s), never DER.
 */
import canonicalize from 'canonicalize';
import type { NoticeEvent, UnsignedEvent } from '../schema/notice-event.js';

export const SIGNING = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN_PARAMS = { name: 'ECDSA', hash: 'SHA-256' } as const;

const encoder = new TextEncoder();

export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  return Array.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

export function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** RFC 8785 canonical JSON of a value, as UTF-8. */
export function canonicalBytes(value: unknown): Uint8Array<ArrayBuffer> {
  const json = canonicalize(value);
  if (json === undefined) throw new TypeError('Cannot canonicalise this value');
  return encoder.encode(json);
}

/** The signed part of an event: everything but `hash` and `sig`. */
export function unsignedPart(event: NoticeEvent): UnsignedEvent {
  const { hash: _hash, sig: _sig, ...rest } = event;
  return rest;
}

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', bytes));
}

/** Hashes and signs an event. */
export async function seal(event: UnsignedEvent, privateKey: CryptoKey): Promise<NoticeEvent> {
  const bytes = canonicalBytes(event);
  const [hash, sig] = await Promise.all([
    sha256Hex(bytes),
    crypto.subtle.sign(SIGN_PARAMS, privateKey, bytes),
  ]);
  return { ...event, hash, sig: toHex(sig) };
}

/** Signs any JSON value (a checkpoint, say) the same way; returns the hex signature. */
export async function signValue(value: unknown, privateKey: CryptoKey): Promise<string> {
  return toHex(await crypto.subtle.sign(SIGN_PARAMS, privateKey, canonicalBytes(value)));
}

export function verifyValue(
  value: unknown,
  sigHex: string,
  publicKey: CryptoKey,
): Promise<boolean> {
  return crypto.subtle.verify(SIGN_PARAMS, publicKey, fromHex(sigHex), canonicalBytes(value));
}

export function importPublicKey(jwk: JsonWebKey): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', jwk, SIGNING, true, ['verify']);
}

/**
 * The id a device uses before it is enrolled: derived from its public key, so the server can
 * recognise the events a device logged before enrolment as the start of the same chain.
 */
export async function localDeviceId(publicKey: JsonWebKey): Promise<string> {
  const { crv, kty, x, y } = publicKey;
  return `local-${(await sha256Hex(canonicalBytes({ crv, kty, x, y }))).slice(0, 24)}`;
}

/** A new device key pair. The private key cannot be exported, even by this app. */
export function generateDeviceKey(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(SIGNING, false, ['sign', 'verify']);
}
