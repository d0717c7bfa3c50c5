/**
 * The content library on the server: what an upload must be (sniffed from its bytes, its size,
 * its duration, its captions), four-eyes review, the signed manifest, and the media route. Every
 * refusal has its code and leaves nothing stored. (Who may call each route: routes.node.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentItem, SignedManifest } from '../schema/content.js';
import { importPublicKey, verifyValue } from '../log/chain.js';
import {
  contentFixture,
  enrolDevice,
  FIVE_SECOND_CAPTIONS,
  signClip,
  signIn,
  startTestServer,
  uploadContent,
  type Caller,
  type Harness,
} from '../../test/server/harness.js';

let h: Harness;
let editor: Caller;
let reviewer: Caller;
let ipag: Caller;
let admin: Caller;

beforeAll(async () => {
  h = await startTestServer();
  editor = await signIn(h.app, 'editor');
  reviewer = await signIn(h.app, 'reviewer');
  ipag = await signIn(h.app, 'ipag');
  admin = await signIn(h.app, 'admin');
});
afterAll(() => h.close());

async function library(): Promise<ContentItem[]> {
  return (
    await h.app.inject({ method: 'GET', url: '/api/content', headers: editor.headers })
  ).json();
}

async function refused(
  fields: Record<string, string>,
  file: { bytes: Uint8Array; name: string; type: string } | undefined,
  status: number,
  code: string,
): Promise<string> {
  const before = (await library()).length;
  const response = await uploadContent(h.app, editor, fields, file);
  expect(response.statusCode, response.body).toBe(status);
  expect(response.json().error.code).toBe(code);
  expect(await library()).toHaveLength(before);
  return response.json().error.message as string;
}

function review(caller: Caller, id: string, decision: 'approve' | 'reject', note?: string) {
  return h.app.inject({
    method: 'POST',
    url: `/api/content/${id}/review`,
    headers: caller.headers,
    payload: { decision, ...(note ? { note } : {}) },
  });
}

describe('an upload', () => {
  it('is stored as a draft with its provenance, the SHA-256 of its bytes and what they are', async () => {
    const { fields, file } = signClip();
    const response = await uploadContent(h.app, editor, fields, file);
    expect(response.statusCode, response.body).toBe(201);
    const { id, sha256, status } = response.json();
    expect(status).toBe('draft');
    const { createHash } = await import('node:crypto');
    expect(sha256).toBe(createHash('sha256').update(file.bytes).digest('hex'));
    const item = (await library()).find((i) => i.id === id)!;
    expect(item).toMatchObject({
      kind: 'sign',
      lang: 'bfi',
      madeBy: 'human-signer',
      mime: 'video/mp4',
      bytes: file.bytes.length,
      durationMs: 5000,
      addedBy: 'test-editor',
      status: 'draft',
      reviewedBy: null,
      captions: FIVE_SECOND_CAPTIONS,
    });
  });

  it('reads WebM and Ogg from their bytes, whatever the name says', async () => {
    const webm = await uploadContent(h.app, editor, signClip().fields, {
      bytes: contentFixture('clip-5s.webm'),
      name: 'clip.mp4',
      type: 'video/mp4',
    });
    expect(webm.statusCode, webm.body).toBe(201);
    const voice = await uploadContent(
      h.app,
      editor,
      { kind: 'audio', lang: 'pl', madeBy: 'human-voice' },
      { bytes: contentFixture('voice-4s.ogg'), name: 'voice.mp3', type: 'audio/mpeg' },
    );
    expect(voice.statusCode, voice.body).toBe(201);
    const items = await library();
    expect(items.find((i) => i.id === webm.json().id)).toMatchObject({ mime: 'video/webm' });
    expect(items.find((i) => i.id === voice.json().id)).toMatchObject({
      mime: 'audio/ogg',
      durationMs: 4000,
    });
  });

  it('refuses a text file renamed .mp4, and a 0-byte file', async () => {
    const { fields } = signClip();
    const text = new TextEncoder().encode('This is not a video.\n'.repeat(100));
    expect(
      await refused(
        fields,
        { bytes: text, name: 'clip.mp4', type: 'video/mp4' },
        415,
        'unsupported-media',
      ),
    ).toMatch(/not MP4, WebM/);
    expect(
      await refused(
        fields,
        { bytes: new Uint8Array(), name: 'clip.mp4', type: 'video/mp4' },
        415,
        'unsupported-media',
      ),
    ).toMatch(/empty/);
  });

  it('refuses a recording offered as a sign clip: a clip must have video', async () => {
    expect(
      await refused(
        signClip().fields,
        { bytes: contentFixture('voice-4s.ogg'), name: 'clip.webm', type: 'video/webm' },
        415,
        'unsupported-media',
      ),
    ).toMatch(/not MP4, WebM.*it is Ogg/);
  });

  it('refuses a clip of 1 second and one of 10 minutes, saying how long each is', async () => {
    const { fields } = signClip();
    expect(
      await refused(
        { ...fields, captions: 'WEBVTT\n\n00:00:00.000 --> 00:00:00.500\nHi\n' },
        { bytes: contentFixture('clip-1s.mp4'), name: 'a.mp4', type: 'video/mp4' },
        400,
        'bad-duration',
      ),
    ).toMatch(/lasts 1 s; it must last between 3 s and 5 minutes/);
    expect(
      await refused(
        fields,
        { bytes: contentFixture('clip-10min.webm'), name: 'b.webm', type: 'video/webm' },
        400,
        'bad-duration',
      ),
    ).toMatch(/lasts 600 s/);
  });

  it('refuses captions with a cue past the end of the clip, captions that do not parse, and none', async () => {
    const { fields, file } = signClip();
    const late = `${FIVE_SECOND_CAPTIONS}\n00:00:04.900 --> 00:00:07.000\nThe recording may be used as evidence.\n`;
    expect(await refused({ ...fields, captions: late }, file, 400, 'bad-captions')).toBe(
      'Caption 3 ("The recording may be used as evidence.") ends at 0:07.0, after the clip ends at 0:05.0.',
    );
    expect(
      await refused(
        { ...fields, captions: 'WEBVTT\n\n00:00:01.000 --> 00:00:0x\nHello\n' },
        file,
        400,
        'bad-captions',
      ),
    ).toMatch(/not valid WebVTT.*line 3/);
    const { captions: _none, ...without } = fields;
    expect(await refused(without, file, 400, 'bad-captions')).toMatch(/needs WebVTT captions/);
  });

  // Streams 100 MB: slow on a busy machine. It asserts what happens, never how fast.
  it('refuses a body that says it is 2 GB before reading it, and one that grows past the limit', async () => {
    const { fields } = signClip();
    const early = await h.app.inject({
      method: 'POST',
      url: '/api/content',
      headers: {
        ...editor.headers,
        'content-type': 'multipart/form-data; boundary=x',
        'content-length': String(2 * 1024 ** 3),
      },
      payload: '--x--',
    });
    expect(early.statusCode).toBe(413);
    expect(early.json().error.code).toBe('too-large');
    expect(early.headers.connection).toBe('close');
    // 101 MB, streamed: cut off at 100 MB, nothing stored.
    const big = new Uint8Array(101 * 1024 * 1024);
    big.set(contentFixture('clip-5s.mp4'));
    expect(
      await refused(fields, { bytes: big, name: 'big.mp4', type: 'video/mp4' }, 413, 'too-large'),
    ).toMatch(/larger than 100 MB/);
  }, 30_000);

  it('refuses a sign clip in a spoken language, a recording in an unknown one, and an unknown provenance', async () => {
    const { fields, file } = signClip();
    expect(await refused({ ...fields, lang: 'en-GB' }, file, 400, 'invalid')).toMatch(
      /bfi \(British Sign Language\)/,
    );
    expect(
      await refused(
        { kind: 'audio', lang: 'xx', madeBy: 'human-voice' },
        { bytes: contentFixture('voice-4s.ogg'), name: 'v.ogg', type: 'audio/ogg' },
        400,
        'invalid',
      ),
    ).toMatch(/"xx" is not/);
    expect(await refused({ ...fields, madeBy: 'volunteer' }, file, 400, 'invalid')).toMatch(
      /madeBy is one of/,
    );
  });
});

describe('review', () => {
  async function draft(): Promise<string> {
    const { fields, file } = signClip();
    const response = await uploadContent(h.app, editor, fields, file);
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id;
  }

  it("lets a reviewer watch a draft's bytes, which the public cannot", async () => {
    // A recording no test approves, so its bytes are a draft's only.
    const file = { bytes: contentFixture('voice-4s.ogg'), name: 'v.ogg', type: 'audio/ogg' };
    const fields = { kind: 'audio', lang: 'cy', madeBy: 'human-voice' };
    const { id, sha256 } = (await uploadContent(h.app, editor, fields, file)).json();
    const staff = await h.app.inject({
      method: 'GET',
      url: `/api/content/${id}/media`,
      headers: reviewer.headers,
    });
    expect(staff.statusCode).toBe(200);
    expect(staff.headers['content-type']).toBe('audio/ogg');
    expect(staff.rawPayload.equals(Buffer.from(file.bytes))).toBe(true);
    expect((await h.app.inject({ method: 'GET', url: `/content/${sha256}` })).statusCode).toBe(404);
  });

  it('is by someone other than the person who added the item', async () => {
    const mine = await uploadContent(h.app, admin, signClip().fields, signClip().file);
    const own = await review(admin, mine.json().id, 'approve');
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('four-eyes');
    expect((await library()).find((i) => i.id === mine.json().id)!.status).toBe('draft');
  });

  it('records who approved it, in what role, and when; IPAG members can approve', async () => {
    const id = await draft();
    const response = await review(ipag, id, 'approve');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'approved',
      reviewedBy: 'test-ipag',
      reviewerRole: 'ipag',
    });
    expect(Date.parse(response.json().reviewedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('needs a note to reject, and keeps it', async () => {
    const id = await draft();
    const bare = await review(reviewer, id, 'reject');
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.field).toBe('note');
    const noted = await review(
      reviewer,
      id,
      'reject',
      'The handshape in the second sentence is wrong.',
    );
    expect(noted.json()).toMatchObject({
      status: 'rejected',
      note: 'The handshape in the second sentence is wrong.',
    });
  });

  it('by two reviewers at once: one wins, the other is told, and the item is reviewed once', async () => {
    const id = await draft();
    const [a, b] = await Promise.all([
      review(reviewer, id, 'approve'),
      review(ipag, id, 'approve'),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error.code).toBe('already-reviewed');
    expect(loser.json().error.message).toMatch(/already approved by test-(reviewer|ipag)/);
  });
});

describe('delivery', () => {
  it('publishes only approved items, in a manifest signed with the key the kiosk pinned at enrolment', async () => {
    const device = await enrolDevice(h.app, admin);
    expect(device.contentKey).toMatchObject({ kty: 'EC', crv: 'P-256' });
    const upload = await uploadContent(h.app, editor, signClip().fields, {
      bytes: contentFixture('clip-5s.webm'),
      name: 'c.webm',
      type: 'video/webm',
    });
    const { id, sha256 } = upload.json();
    const before = (
      await h.app.inject({ method: 'GET', url: '/api/content/manifest', headers: device.auth })
    ).json<SignedManifest>();
    expect((await h.app.inject({ method: 'GET', url: `/content/${sha256}` })).statusCode).toBe(404);

    await review(reviewer, id, 'approve');
    const after = (
      await h.app.inject({ method: 'GET', url: '/api/content/manifest', headers: device.auth })
    ).json<SignedManifest>();
    expect(after.manifest.version).not.toBe(before.manifest.version);
    const clip = after.manifest.items.find((i) => i.kind === 'sign' && i.lang === 'bfi')!;
    expect(clip).toMatchObject({ sha256, madeBy: 'human-signer', approvedByRole: 'reviewer' });
    const key = await importPublicKey(device.contentKey!);
    expect(await verifyValue(after.manifest, after.sig, key)).toBe(true);
    const forged = { ...after.manifest, items: [{ ...clip, sha256: '0'.repeat(64) }] };
    expect(await verifyValue(forged, after.sig, key)).toBe(false);

    const whole = await h.app.inject({ method: 'GET', url: `/content/${sha256}` });
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-type']).toBe('video/webm');
    expect(whole.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(whole.rawPayload.equals(Buffer.from(contentFixture('clip-5s.webm')))).toBe(true);
    const part = await h.app.inject({
      method: 'GET',
      url: `/content/${sha256}`,
      headers: { range: 'bytes=100-199' },
    });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${whole.rawPayload.length}`);
    expect(part.rawPayload.equals(whole.rawPayload.subarray(100, 200))).toBe(true);
    const outside = await h.app.inject({
      method: 'GET',
      url: `/content/${sha256}`,
      headers: { range: `bytes=${whole.rawPayload.length + 10}-` },
    });
    expect(outside.statusCode).toBe(416);
  });

  it('gives the manifest to no one who is neither enrolled nor signed in', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/api/content/manifest' });
    expect(response.statusCode).toBe(401);
  });
});

describe('translations through the library', () => {
  const shipped = (lang: string) =>
    JSON.parse(
      readFileSync(new URL(`../../locales/${lang}/notice.json`, import.meta.url), 'utf8'),
    ) as Record<string, Record<string, unknown>>;

  function put(lang: string, body: string, caller = editor) {
    return h.app.inject({
      method: 'PUT',
      url: `/api/content/text/${lang}`,
      headers: { ...caller.headers, 'content-type': 'application/json' },
      payload: body,
    });
  }

  async function refusedText(lang: string, body: string, problem: string | RegExp) {
    const before = (await library()).length;
    const response = await put(lang, body);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'bad-translation', field: 'file' });
    expect(response.json().error.message).toMatch(problem);
    expect(await library()).toHaveLength(before);
  }

  it('exports the text in use as i18next JSON, to open in a translation tool', async () => {
    const response = await h.app.inject({
      method: 'GET',
      url: '/api/content/text/pl',
      headers: editor.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="forewarn-notice-pl.json"',
    );
    expect(response.json()).toEqual(shipped('pl'));
    const unknown = await h.app.inject({
      method: 'GET',
      url: '/api/content/text/xx',
      headers: editor.headers,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('refuses a missing key, a renamed placeholder, markup, a wrong plural form, and invalid JSON', async () => {
    const strings = shipped('pl');
    const { camera: _gone, ...plain } = strings.plain as Record<string, string>;
    await refusedText(
      'pl',
      JSON.stringify({ ...strings, plain }),
      'notice:plain.camera is missing',
    );

    const flat = JSON.stringify(strings);
    const withCount = /"[^"]*\{\{count[^}]*\}\}[^"]*"/.exec(flat)?.[0];
    expect(withCount).toBeDefined();
    await refusedText(
      'pl',
      flat.replace(withCount!, withCount!.replace(/\{\{count/, '{{total')),
      /lost the placeholder \{\{count\}\}/,
    );
    await refusedText(
      'pl',
      JSON.stringify({ ...strings, heading: '<script>alert(1)</script>Nagrywanie' }),
      /notice:heading contains HTML/,
    );
    // Polish has one, few, many and other; a "two" form is not Polish.
    await refusedText(
      'pl',
      flat.replace('_other"', '_two"'),
      /_two is a plural category "two" that pl does not have/,
    );
    await refusedText('pl', '{"heading": "Nagrywanie",', /is not valid JSON/);
  });

  it('adds a good translation as a draft that someone else approves, and then it is the text in use and in the manifest', async () => {
    const strings = shipped('pl');
    const reviewed = { ...strings, heading: 'Jesteś nagrywany lub nagrywana' };
    const added = await put('pl', JSON.stringify(reviewed));
    expect(added.statusCode, added.body).toBe(201);
    const { id, sha256 } = added.json() as { id: string; sha256: string };
    expect((await review(editor, id, 'approve')).statusCode).toBe(403);
    expect((await review(reviewer, id, 'approve')).statusCode).toBe(200);
    const inUse = await h.app.inject({
      method: 'GET',
      url: '/api/content/text/pl',
      headers: editor.headers,
    });
    expect(inUse.json().heading).toBe('Jesteś nagrywany lub nagrywana');
    const { manifest } = (
      await h.app.inject({ method: 'GET', url: '/api/content/manifest', headers: editor.headers })
    ).json() as SignedManifest;
    expect(manifest.items).toContainEqual(
      expect.objectContaining({ kind: 'text', lang: 'pl', sha256, mime: 'application/json' }),
    );
    const bytes = await h.app.inject({ method: 'GET', url: `/content/${sha256}` });
    expect(bytes.json().heading).toBe('Jesteś nagrywany lub nagrywana');
  });
});
