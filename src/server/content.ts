/**
 * The content library: sign clips and spoken recordings the force adds, each checked from its
 * bytes, stored once per SHA-256 in the database, approved by a second person (four eyes), and
 * published to kiosks as one signed manifest. Routes are in routes/content.ts.
 */
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { readFileSync } from 'node:fs';
import { checkStrings } from '../i18n/check-strings.js';
import { SOURCE_LOCALE, findLocale } from '../i18n/locales.js';
import { sha256Hex, SIGNING, signValue } from '../log/chain.js';
import { checkCaptions } from '../content/captions.js';
import {
  MEDIA_KINDS,
  TEXT_NAMESPACE,
  CONTENT_LIMITS,
  MADE_BY,
  SIGN_LANGUAGES,
  type ContentItem,
  type ContentKind,
  type MediaKind,
  type ContentManifest,
  type MadeBy,
  type ManifestItem,
  type SignedManifest,
} from '../schema/content.js';
import type { Session } from './accounts.js';
import type { Db } from './db/index.js';
import type { ContentItemsTable } from './db/schema.js';
import { HttpError } from './errors.js';
import { probeMedia } from './media.js';

export interface NewContent {
  kind: string;
  lang: string;
  madeBy: string;
  captions?: string;
  transcript?: string;
}

const NAMES: Record<string, string> = {
  mp4: 'MP4',
  webm: 'WebM',
  ogg: 'Ogg',
  wav: 'WAV',
  mp3: 'MP3',
};
const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** Checks the fields an upload names, before its bytes are read. */
export function checkFields(fields: NewContent): {
  kind: MediaKind;
  lang: string;
  madeBy: MadeBy;
} {
  const { kind, lang, madeBy } = fields;
  if (!(MEDIA_KINDS as readonly string[]).includes(kind))
    throw new HttpError(
      400,
      'invalid',
      `kind is one of ${MEDIA_KINDS.join(', ')}; a translation is sent to PUT /api/content/text/{lang}.`,
      'kind',
    );
  if (!(MADE_BY as readonly string[]).includes(madeBy))
    throw new HttpError(400, 'invalid', `madeBy is one of ${MADE_BY.join(', ')}.`, 'madeBy');
  const langs = kind === 'sign' ? SIGN_LANGUAGES.map((l) => l.tag) : findLocale(lang) ? [lang] : [];
  if (!langs.includes(lang))
    throw new HttpError(
      400,
      'invalid',
      kind === 'sign'
        ? `A sign clip's lang is a sign language: ${SIGN_LANGUAGES.map((l) => `${l.tag} (${l.name})`).join(', ')}.`
        : `A recording's lang is one of the notice's languages (locales/index.json); "${lang}" is not.`,
      'lang',
    );
  return { kind: kind as MediaKind, lang, madeBy: madeBy as MadeBy };
}

/**
 * Adds an item as a draft, after checking its bytes: the container sniffed from them, video for
 * a sign clip, the duration, and a clip's captions against its length. Nothing is stored unless
 * every check passes; blob and item go in one transaction.
 */
export async function addContent(
  db: Db,
  session: Session,
  fields: NewContent,
  bytes: Uint8Array,
): Promise<{ id: string; sha256: string; status: 'draft' }> {
  const { kind, lang, madeBy } = checkFields(fields);
  const limits = CONTENT_LIMITS[kind];
  const accepted = limits.containers.map((c) => NAMES[c]).join(', ');
  if (bytes.length === 0)
    throw new HttpError(415, 'unsupported-media', 'The file is empty (0 bytes).', 'file');
  if (bytes.length > limits.maxBytes)
    throw new HttpError(
      413,
      'too-large',
      `The file is ${Math.ceil(bytes.length / 2 ** 20)} MB; a ${kind === 'sign' ? 'sign clip' : 'recording'} may be at most ${limits.maxBytes / 2 ** 20} MB.`,
      'file',
    );
  const probe = await probeMedia(bytes);
  if (!probe || !(limits.containers as readonly string[]).includes(probe.container))
    throw new HttpError(
      415,
      'unsupported-media',
      `This file is not ${accepted}, whatever its name says${probe ? ` (it is ${NAMES[probe.container]})` : ''}.`,
      'file',
    );
  if (kind === 'sign' && !probe.hasVideo)
    throw new HttpError(415, 'unsupported-media', 'A sign clip must have video.', 'file');
  if (probe.durationMs === undefined)
    throw new HttpError(
      400,
      'bad-duration',
      'The file does not say how long it is. Save it again from your editing program, or record it here.',
      'file',
    );
  if (probe.durationMs < limits.minMs || probe.durationMs > limits.maxMs)
    throw new HttpError(
      400,
      'bad-duration',
      `The file lasts ${seconds(probe.durationMs)}; it must last between ${seconds(limits.minMs)} and ${limits.maxMs / 60_000} minutes.`,
      'file',
    );
  let captions: string | null = null;
  if (kind === 'sign') {
    if (!fields.captions?.trim())
      throw new HttpError(
        400,
        'bad-captions',
        'A sign clip needs WebVTT captions: time them with the caption helper, or upload a .vtt file.',
        'captions',
      );
    // Form data sends line breaks as CRLF; a caption file keeps the LF it was written with.
    captions = fields.captions.replace(/\r\n?/g, '\n');
    const check = await checkCaptions(captions, probe.durationMs);
    if (!check.ok) throw new HttpError(400, 'bad-captions', check.message, 'captions');
  }
  return storeItem(db, session, {
    kind,
    lang,
    madeBy,
    bytes,
    mime: probe.mime,
    durationMs: probe.durationMs,
    captions,
    transcript: fields.transcript?.replace(/\r\n?/g, '\n').trim() || null,
  });
}

/** Stores an item's bytes (once per hash) and the item, as a draft, in one transaction. */
async function storeItem(
  db: Db,
  session: Session,
  item: {
    kind: ContentKind;
    lang: string;
    madeBy: MadeBy;
    bytes: Uint8Array;
    mime: string;
    durationMs: number;
    captions: string | null;
    transcript: string | null;
  },
): Promise<{ id: string; sha256: string; status: 'draft' }> {
  const copy = new Uint8Array(item.bytes);
  const sha256 = await sha256Hex(copy);
  const id = uuidv7();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('content_blobs')
      .values({ sha256, bytes: copy, size: copy.length })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    await trx
      .insertInto('content_items')
      .values({
        id,
        kind: item.kind,
        lang: item.lang,
        made_by: item.madeBy,
        sha256,
        mime: item.mime,
        duration_ms: item.durationMs,
        captions: item.captions,
        transcript: item.transcript,
        added_by: session.userId,
        added_by_name: session.user.username,
        added_at: new Date().toISOString(),
        status: 'draft',
      })
      .execute();
  });
  return { id, sha256, status: 'draft' };
}

/** The notice's strings that ship with the app, for a locale. */
function shippedStrings(lang: string): Record<string, unknown> {
  return JSON.parse(
    readFileSync(new URL(`../../locales/${lang}/${TEXT_NAMESPACE}.json`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
}

function checkTextLang(lang: string): void {
  if (!findLocale(lang))
    throw new HttpError(
      404,
      'not-found',
      `"${lang}" is not one of the notice's languages (locales/index.json).`,
    );
}

/**
 * The notice's text in use for a language: the translation approved last in the library, else
 * the one that ships with the app.
 */
export async function textInUse(
  db: Db,
  lang: string,
): Promise<{ strings: Record<string, unknown>; item: ContentItem | null }> {
  checkTextLang(lang);
  const row = await items(db)
    .where('content_items.kind', '=', 'text')
    .where('content_items.lang', '=', lang)
    .where('content_items.status', '=', 'approved')
    .orderBy('content_items.reviewed_at', 'desc')
    .executeTakeFirst();
  if (!row) return { strings: shippedStrings(lang), item: null };
  const bytes = await mediaBytes(db, row.sha256, 0, Number(row.size) - 1);
  return {
    strings: JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>,
    item: toItem(row as ItemRow),
  };
}

/**
 * Adds a translation of the notice as a draft, after the checks `npm test` makes of every locale
 * file (src/i18n/check-strings.ts): valid JSON, exactly the source's keys, the plural forms the
 * language has, every placeholder kept, no markup. Stored re-serialised, so the same strings
 * always have the same hash.
 */
export async function addText(
  db: Db,
  session: Session,
  lang: string,
  body: string,
  madeBy: string,
): Promise<{ id: string; sha256: string; status: 'draft' }> {
  checkTextLang(lang);
  if (!(MADE_BY as readonly string[]).includes(madeBy))
    throw new HttpError(400, 'invalid', `madeBy is one of ${MADE_BY.join(', ')}.`, 'madeBy');
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    throw new HttpError(
      400,
      'bad-translation',
      `The file is not valid JSON (${(error as Error).message}). Export it again from the translation tool as i18next JSON v4.`,
      'file',
    );
  }
  const problems = checkStrings(
    lang,
    TEXT_NAMESPACE,
    data,
    shippedStrings(SOURCE_LOCALE),
    lang === SOURCE_LOCALE,
  );
  if (problems.length)
    throw new HttpError(
      400,
      'bad-translation',
      `The translation cannot be used: ${problems.slice(0, 10).join('; ')}${problems.length > 10 ? `; and ${problems.length - 10} more` : ''}.`,
      'file',
    );
  return storeItem(db, session, {
    kind: 'text',
    lang,
    madeBy: madeBy as MadeBy,
    bytes: new TextEncoder().encode(`${JSON.stringify(data, null, 2)}\n`),
    mime: 'application/json',
    durationMs: 0,
    captions: null,
    transcript: null,
  });
}

type ItemRow = ContentItemsTable & { size: number };

function toItem(row: ItemRow): ContentItem {
  return {
    id: row.id,
    kind: row.kind,
    lang: row.lang,
    madeBy: row.made_by,
    sha256: row.sha256,
    mime: row.mime,
    bytes: Number(row.size),
    durationMs: Number(row.duration_ms),
    captions: row.captions,
    transcript: row.transcript,
    addedBy: row.added_by_name,
    addedAt: row.added_at,
    status: row.status,
    reviewedBy: row.reviewed_by_name,
    reviewerRole: row.reviewer_role,
    reviewedAt: row.reviewed_at,
    note: row.note,
  };
}

function items(db: Db) {
  return db
    .selectFrom('content_items')
    .innerJoin('content_blobs', 'content_blobs.sha256', 'content_items.sha256')
    .selectAll('content_items')
    .select('content_blobs.size');
}

/** Every item, newest first. */
export async function listContent(db: Db): Promise<ContentItem[]> {
  const rows = await items(db).orderBy('content_items.added_at', 'desc').execute();
  return rows.map((row) => toItem(row as ItemRow));
}

export async function contentItem(db: Db, id: string): Promise<ContentItem | undefined> {
  const row = await items(db).where('content_items.id', '=', id).executeTakeFirst();
  return row ? toItem(row as ItemRow) : undefined;
}

/**
 * Approves or rejects a draft. The person who added it cannot (four eyes). Two reviewers at once:
 * the update only takes a row still in draft, so one wins and the other is told it was reviewed.
 */
export async function reviewContent(
  db: Db,
  session: Session,
  id: string,
  decision: 'approve' | 'reject',
  note?: string,
): Promise<ContentItem> {
  const row = await items(db).where('content_items.id', '=', id).executeTakeFirst();
  if (!row) throw new HttpError(404, 'not-found', 'There is no content item with this id.');
  if (row.added_by === session.userId)
    throw new HttpError(
      403,
      'four-eyes',
      'You added this item, so someone else must review it: four eyes see more than two.',
    );
  const trimmed = note?.trim() || null;
  if (decision === 'reject' && !trimmed)
    throw new HttpError(400, 'invalid', 'Say why it is rejected, so it can be put right.', 'note');
  const reviewed = await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('content_items')
      .set({
        status: decision === 'approve' ? 'approved' : 'rejected',
        reviewed_by: session.userId,
        reviewed_by_name: session.user.username,
        reviewer_role: session.user.role,
        reviewed_at: new Date().toISOString(),
        note: trimmed,
      })
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    if (decision === 'approve') await bumpRevision(trx);
    return true;
  });
  if (!reviewed) {
    const now = await items(db).where('content_items.id', '=', id).executeTakeFirstOrThrow();
    throw new HttpError(
      409,
      'already-reviewed',
      `This item was already ${now.status} by ${now.reviewed_by_name ?? 'someone else'}.`,
    );
  }
  return toItem(
    (await items(db).where('content_items.id', '=', id).executeTakeFirstOrThrow()) as ItemRow,
  );
}

const REVISION = 'content_revision';
const KEY = 'content_signing_key';

async function bumpRevision(trx: Db): Promise<void> {
  await trx
    .insertInto('settings')
    .values({ key: REVISION, value: '1' })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ value: sql`cast(cast(settings.value as integer) + 1 as text)` }),
    )
    .execute();
}

interface StoredKey {
  privateKey: JsonWebKey;
  publicKey: JsonWebKey;
}

/**
 * The server's content-signing key pair (ECDSA P-256), made on first use and kept in the
 * database so every app server signs with the same key. Kiosks pin the public half at enrolment.
 */
async function signingKey(db: Db): Promise<StoredKey> {
  const stored = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', KEY)
    .executeTakeFirst();
  if (stored) return JSON.parse(stored.value) as StoredKey;
  const pair = await crypto.subtle.generateKey(SIGNING, true, ['sign', 'verify']);
  const fresh: StoredKey = {
    privateKey: await crypto.subtle.exportKey('jwk', pair.privateKey),
    publicKey: await crypto.subtle.exportKey('jwk', pair.publicKey),
  };
  // Two servers making one at once: the first insert wins, and both read it back.
  await db
    .insertInto('settings')
    .values({ key: KEY, value: JSON.stringify(fresh) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return signingKey(db);
}

/** The public key kiosks pin, as a JWK. */
export async function contentKey(db: Db): Promise<JsonWebKey> {
  return (await signingKey(db)).publicKey;
}

/**
 * The approved set: for each kind and language, the item approved last. Versioned by the number
 * of approvals so far and the set's hash, and signed with the server's content key.
 */
export async function contentManifest(db: Db): Promise<SignedManifest> {
  const approved = await items(db)
    .where('content_items.status', '=', 'approved')
    .orderBy('content_items.reviewed_at', 'asc')
    .execute();
  const latest = new Map<string, ManifestItem>();
  for (const row of approved) {
    latest.set(`${row.kind}|${row.lang}`, {
      kind: row.kind,
      lang: row.lang,
      sha256: row.sha256,
      mime: row.mime,
      bytes: Number(row.size),
      durationMs: Number(row.duration_ms),
      madeBy: row.made_by,
      approvedAt: row.reviewed_at!,
      approvedByRole: row.reviewer_role!,
      captions: row.captions,
      transcript: row.transcript,
    });
  }
  const list = [...latest.values()].sort((a, b) =>
    `${a.kind}|${a.lang}`.localeCompare(`${b.kind}|${b.lang}`),
  );
  const revision = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', REVISION)
    .executeTakeFirst();
  const digest = await sha256Hex(new TextEncoder().encode(JSON.stringify(list)));
  const manifest: ContentManifest = {
    version: `${revision?.value ?? '0'}-${digest.slice(0, 12)}`,
    issuedAt: new Date().toISOString(),
    items: list,
  };
  const { privateKey } = await signingKey(db);
  const key = await crypto.subtle.importKey('jwk', privateKey, SIGNING, false, ['sign']);
  return { manifest, sig: await signValue(manifest, key) };
}

/** An approved item's bytes, or a range of them: what `GET /content/{sha256}` serves. */
export async function approvedMedia(
  db: Db,
  sha256: string,
): Promise<{ mime: string; size: number } | undefined> {
  const row = await items(db)
    .where('content_items.sha256', '=', sha256)
    .where('content_items.status', '=', 'approved')
    .select(['content_items.mime'])
    .executeTakeFirst();
  return row ? { mime: row.mime, size: Number(row.size) } : undefined;
}

/** Bytes `start` to `end` (inclusive) of a blob, read in the database, not whole. */
export async function mediaBytes(
  db: Db,
  sha256: string,
  start: number,
  end: number,
): Promise<Uint8Array> {
  const row = await db
    .selectFrom('content_blobs')
    .select(sql<Uint8Array>`substr(bytes, ${start + 1}, ${end - start + 1})`.as('part'))
    .where('sha256', '=', sha256)
    .executeTakeFirstOrThrow();
  return row.part;
}
