import { describe, expect, it } from 'vitest';
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { canonicalBytes, fromHex, sha256Hex, unsignedPart, verifyValue } from './chain.js';
import { makeChain, testKeys, testUnsigned } from '../../test/log-fixtures.js';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('RFC 8785 canonical JSON', () => {
  it('sorts keys by UTF-16 code units, at every depth', () => {
    expect(text(canonicalBytes({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } }))).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    // RFC 8785 §3.2.3's example: "\u20ac" (€) sorts after "\r" and before "\ud83d\ude00".
    expect(
      text(canonicalBytes({ '\u20ac': 'Euro', '\r': 'CR', '\ud83d\ude00': 'smiley', '1': 'one' })),
    ).toBe('{"\\r":"CR","1":"one","€":"Euro","😀":"smiley"}');
  });

  it('writes numbers as ECMAScript does and escapes strings minimally (RFC 8785 §3.2.2)', () => {
    expect(text(canonicalBytes([1e21, 0.000001, 1e-7, -0, 333333333.3333333]))).toBe(
      '[1e+21,0.000001,1e-7,0,333333333.3333333]',
    );
    expect(text(canonicalBytes({ s: '\u0000\b\f\n\r\t"\\/é' }))).toBe(
      '{"s":"\\u0000\\b\\f\\n\\r\\t\\"\\\\/é"}',
    );
  });

  it('has no whitespace and is UTF-8', () => {
    const bytes = canonicalBytes({ name: 'العربية' });
    expect(text(bytes)).toBe('{"name":"العربية"}');
    expect(bytes.length).toBe(11 + 7 * 2); // seven two-byte Arabic letters
  });
});

// The vectors are schema v1 events: a v1 event signed years ago must verify for ever.
const V1 = { v1Through: Infinity };

describe('hashing and signing (known-answer vectors)', () => {
  it('hashes the canonical event without hash and sig, prevHash included', async () => {
    const keys = await testKeys();
    const [first, second] = await makeChain(2, keys, undefined, V1);
    expect(text(canonicalBytes(unsignedPart(first!)))).toBe(
      '{"circumstance":"arrest","deviceId":"local-test00000000000000000","durationMs":1000,"formats":["large-text"],"id":"0190f2a0-0000-7000-8000-000000000001","lang":"en-GB","outcome":"acknowledged","prevHash":"0000000000000000000000000000000000000000000000000000000000000000","seq":1,"shownAt":"2026-01-01T09:01:00.000Z","v":1}',
    );
    expect(first!.hash).toBe('3186944eeecde8a4707040aa7646401d62291a28c6df94b610da15851c61e051');
    expect(second!.prevHash).toBe(first!.hash);
    expect(second!.hash).toBe('43fb5fd985b5dba001a563b651d4f29d2a4c8e8309e9bd89d03eef9b0b604060');
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  // Made once with the test key; ECDSA signatures are randomised, so the vector is verified, not re-made.
  const KNOWN_SIGNATURE =
    '50ea4f7997eb5019c343d346598a8e922b65f8f31dffa87a0dbe7a11bd3c57ea48708ac7404814927d9f489f787d6a0f1a20496824482bc092f8981da82940ca';

  it('verifies a known P1363 signature with WebCrypto, as the browser does', async () => {
    const keys = await testKeys();
    const body = unsignedPart((await makeChain(1, keys, undefined, V1))[0]!);
    expect(await verifyValue(body, KNOWN_SIGNATURE, keys.publicKey)).toBe(true);
    const altered = { ...body, lang: 'cy' };
    expect(await verifyValue(altered, KNOWN_SIGNATURE, keys.publicKey)).toBe(false);
  });

  it("verifies the same bytes with Node's crypto, given IEEE P1363 (not DER) encoding", async () => {
    const keys = await testKeys();
    const body = unsignedPart((await makeChain(1, keys, undefined, V1))[0]!);
    const key = createPublicKey({ key: keys.publicJwk as never, format: 'jwk' });
    const ok = nodeVerify(
      'sha256',
      canonicalBytes(body),
      { key, dsaEncoding: 'ieee-p1363' },
      fromHex(KNOWN_SIGNATURE),
    );
    expect(ok).toBe(true);
    const asDer = nodeVerify(
      'sha256',
      canonicalBytes(body),
      { key, dsaEncoding: 'der' },
      fromHex(KNOWN_SIGNATURE),
    );
    expect(asDer).toBe(false);
  });

  it('signs so that a fresh signature verifies and is 64 bytes of hex', async () => {
    const keys = await testKeys();
    const [event] = await makeChain(1, keys);
    expect(event!.sig).toMatch(/^[0-9a-f]{128}$/);
    expect(await verifyValue(testUnsigned(1, event!.prevHash), event!.sig, keys.publicKey)).toBe(
      true,
    );
  });
});
