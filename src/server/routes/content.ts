/**
 * The content library's routes: /api/content (add, list, review, the signed manifest) and the
 * public, immutable media at /content/{sha256}. Uploads are streamed: a body that says it is
 * larger than any item may be is refused before a byte is read, and one that grows past it is cut
 * off there, so a 2 GB upload costs the server 100 MB at most and stores nothing.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import parseRange from 'range-parser';
import { MAX_TEXT_BYTES, MAX_TRANSLATION_BYTES, MAX_UPLOAD_BYTES } from '../../schema/content.js';
import {
  ContentParams,
  ContentReviewRequest,
  LangParams,
  MediaParams,
  TextQuery,
} from '../../schema/requests.js';
import {
  addContent,
  addText,
  approvedMedia,
  checkFields,
  contentItem,
  contentManifest,
  listContent,
  mediaBytes,
  reviewContent,
  textInUse,
  type NewContent,
} from '../content.js';
import { actorOf, audited } from '../audit.js';
import { LOG_ID } from '../log-page.js';
import type { Db } from '../db/index.js';
import { HttpError } from '../errors.js';
import { json } from './schema.js';

const FIELDS = ['kind', 'lang', 'madeBy', 'captions', 'transcript'] as const;
/** Room for the fields and the multipart framing around the file. */
const MAX_BODY = MAX_UPLOAD_BYTES + 2 * MAX_TEXT_BYTES + 64 * 1024;
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

const tooLarge = () =>
  new HttpError(
    413,
    'too-large',
    `The upload is larger than ${mb(MAX_UPLOAD_BYTES)}, the most any item may be. Nothing was stored.`,
    'file',
  );

/** Reads the multipart body: the named fields, and the one file, streamed up to the limit. */
async function readUpload(
  request: FastifyRequest,
): Promise<{ fields: NewContent; bytes: Uint8Array }> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_BODY) throw tooLarge();
  if (!request.isMultipart())
    throw new HttpError(
      415,
      'unsupported-media-type',
      'Send the item as multipart/form-data: kind, lang, madeBy, file, and for a sign clip captions.',
    );
  const fields: Record<string, string> = {};
  let bytes: Uint8Array | undefined;
  try {
    for await (const part of request.parts({
      limits: {
        fileSize: MAX_UPLOAD_BYTES,
        files: 1,
        fields: FIELDS.length,
        fieldSize: MAX_TEXT_BYTES,
      },
    })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file')
          throw new HttpError(400, 'invalid', 'The file goes in the field "file".', part.fieldname);
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) chunks.push(chunk as Buffer);
        if (part.file.truncated) throw tooLarge();
        bytes = Buffer.concat(chunks);
      } else {
        if (!(FIELDS as readonly string[]).includes(part.fieldname))
          throw new HttpError(
            400,
            'invalid',
            `There is no field "${part.fieldname}".`,
            part.fieldname,
          );
        if (part.valueTruncated)
          throw new HttpError(
            413,
            'too-large',
            `${part.fieldname} is longer than ${MAX_TEXT_BYTES / 1024} KB.`,
            part.fieldname,
          );
        fields[part.fieldname] = String(part.value);
        // Refuse a wrong kind, language or provenance before the file is read.
        if (fields.kind && fields.lang && fields.madeBy)
          checkFields(fields as unknown as NewContent);
      }
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT')
      throw new HttpError(413, 'too-large', 'Send one file and the fields named in the API.');
    throw new HttpError(
      400,
      'invalid',
      `The upload could not be read: ${(error as Error).message}`,
    );
  }
  for (const name of ['kind', 'lang', 'madeBy'] as const)
    if (!fields[name]) throw new HttpError(400, 'invalid', `${name} is required.`, name);
  if (!bytes) throw new HttpError(400, 'invalid', 'file is required.', 'file');
  return { fields: fields as unknown as NewContent, bytes };
}

const item = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: ['sign', 'audio'] },
    lang: { type: 'string' },
    madeBy: { type: 'string' },
    sha256: { type: 'string' },
    mime: { type: 'string' },
    bytes: { type: 'integer' },
    durationMs: { type: 'integer' },
    captions: { type: ['string', 'null'] },
    transcript: { type: ['string', 'null'] },
    addedBy: { type: 'string' },
    addedAt: { type: 'string' },
    status: { type: 'string', enum: ['draft', 'approved', 'rejected'] },
    reviewedBy: { type: ['string', 'null'] },
    reviewerRole: { type: ['string', 'null'] },
    reviewedAt: { type: ['string', 'null'] },
    note: { type: ['string', 'null'] },
  },
} as const;

export const contentRoutes: FastifyPluginAsync<{ db: Db }> = async (
  app: FastifyInstance,
  { db },
) => {
  app.post(
    '/content',
    {
      config: { auth: 'addContent' },
      schema: {
        summary: 'Add a sign clip or a recording as a draft (editor, admin).',
        description:
          'multipart/form-data: kind (sign | audio), lang, madeBy, file, and for sign captions (WebVTT) and an optional transcript. The container is read from the bytes. Refusals: 415 unsupported-media, 413 too-large, 400 bad-captions, 400 bad-duration.',
        consumes: ['multipart/form-data'],
        security: [{ session: [], csrf: [] }],
      },
    },
    async (request, reply) => {
      try {
        const { fields, bytes } = await readUpload(request);
        return reply.code(201).send(await addContent(db, request.session!, fields, bytes));
      } catch (error) {
        // What the client has not sent yet is not read: close the connection with the refusal.
        reply.header('Connection', 'close');
        throw error;
      }
    },
  );

  app.get(
    '/content',
    {
      config: { auth: 'library' },
      schema: {
        summary:
          'Every content item, newest first, with its provenance and review (admin, reviewer, ipag, editor).',
        security: [{ session: [] }],
        response: { 200: { type: 'array', items: item } },
      },
    },
    async () => listContent(db),
  );

  app.post<{ Params: { id: string }; Body: ContentReviewRequest }>(
    '/content/:id/review',
    {
      config: { auth: 'approveContent' },
      schema: {
        summary:
          'Approve or reject a draft (admin, reviewer, ipag; never the account that added it).',
        description: '403 four-eyes when the caller added the item; 409 already-reviewed.',
        security: [{ session: [], csrf: [] }],
        params: json(ContentParams),
        body: json(ContentReviewRequest),
        response: { 200: item },
      },
    },
    async (request) =>
      audited(
        db,
        'content-review',
        actorOf(request),
        () =>
          reviewContent(
            db,
            request.session!,
            request.params.id,
            request.body.decision,
            request.body.note,
          ),
        () => ({
          decision: request.body.decision,
          ...(LOG_ID.test(request.params.id) ? { itemId: request.params.id } : {}),
        }),
      ),
  );

  app.get<{ Params: { id: string } }>(
    '/content/:id/media',
    {
      config: { auth: 'library' },
      schema: {
        summary:
          "An item's bytes whatever its status, so a reviewer can watch a draft before approving it (admin, reviewer, ipag, editor).",
        security: [{ session: [] }],
        params: json(ContentParams),
      },
    },
    async (request, reply) => {
      const item = await contentItem(db, request.params.id);
      if (!item)
        return reply.code(404).send({
          error: { code: 'not-found', message: 'There is no content item with this id.' },
        });
      reply.header('Cache-Control', 'private, no-cache');
      return sendMedia(db, request, reply, item.sha256, { mime: item.mime, size: item.bytes });
    },
  );

  app.get(
    '/content/manifest',
    {
      config: { auth: 'device-or-person' },
      schema: {
        summary:
          'The approved content set, versioned and signed with the key kiosks pin at enrolment (enrolled devices and signed-in staff).',
        security: [{ deviceToken: [] }, { session: [] }],
      },
    },
    async () => contentManifest(db),
  );
};

/**
 * A language's translation of the notice, out and in, as i18next JSON v4 (the format Weblate and
 * Crowdin read). In their own plugin: a PUT's body is read as text, so that a file that is not
 * JSON gets the library's own clear refusal rather than the framework's.
 */
export const textRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: MAX_TRANSLATION_BYTES },
    (_request, body, done) => done(null, body),
  );
  app.get<{ Params: { lang: string } }>(
    '/content/text/:lang',
    {
      config: { auth: 'library' },
      schema: {
        summary:
          "The notice's text in use for a language, as i18next JSON v4: the approved translation, else the one that ships (admin, reviewer, ipag, editor).",
        params: json(LangParams),
        security: [{ session: [] }],
      },
    },
    async (request, reply) => {
      const { lang } = request.params;
      const { strings } = await textInUse(db, lang);
      return reply
        .header('Content-Disposition', `attachment; filename="forewarn-notice-${lang}.json"`)
        .header('Cache-Control', 'private, no-cache')
        .type('application/json; charset=utf-8')
        .send(`${JSON.stringify(strings, null, 2)}\n`);
    },
  );

  app.put<{ Params: { lang: string }; Querystring: { madeBy?: string }; Body: string }>(
    '/content/text/:lang',
    {
      config: { auth: 'addContent' },
      schema: {
        summary:
          "Add a translation of the notice for a language as a draft (editor, admin): i18next JSON v4 with exactly the source's keys, the language's plural forms, every placeholder kept and no markup. Refusals: 400 bad-translation, 413 too-large.",
        params: json(LangParams),
        querystring: json(TextQuery),
        security: [{ session: [], csrf: [] }],
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await addText(
            db,
            request.session!,
            request.params.lang,
            request.body,
            request.query.madeBy ?? 'human-translator',
          ),
        ),
  );
};

/**
 * `GET /content/{sha256}`: an approved item's bytes, immutable (the address is their hash), with
 * byte ranges for video seeking. Public: a notice is shown to the public by nature. A draft or a
 * rejected item is not here.
 */
export const mediaRoute: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get<{ Params: { sha256: string } }>(
    '/content/:sha256',
    {
      config: { auth: 'public' },
      schema: {
        summary: "An approved item's bytes, by their SHA-256 (public; byte ranges; immutable).",
        params: json(MediaParams),
      },
    },
    async (request, reply) => {
      const { sha256 } = request.params;
      const media = await approvedMedia(db, sha256);
      if (!media)
        return reply.code(404).send({
          error: { code: 'not-found', message: 'No approved item has these bytes.' },
        });
      reply.header('Cache-Control', 'public, max-age=31536000, immutable');
      return sendMedia(db, request, reply, sha256, media);
    },
  );
};

/**
 * Sends media bytes from the database: one byte range if asked for (video seeking), else the whole
 * file; 416 for a range outside it.
 */
async function sendMedia(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  sha256: string,
  media: { mime: string; size: number },
) {
  let start = 0;
  let end = media.size - 1;
  const header = request.headers.range;
  const ranges = header ? parseRange(media.size, header, { combine: true }) : -2;
  if (ranges === -1)
    return reply
      .code(416)
      .header('Content-Range', `bytes */${media.size}`)
      .send({ error: { code: 'bad-range', message: 'The range is outside the file.' } });
  // One range is served as asked; a malformed header, or several ranges, gets the whole file.
  if (ranges !== -2 && ranges.length === 1) {
    start = ranges[0]!.start;
    end = ranges[0]!.end;
    reply.code(206).header('Content-Range', `bytes ${start}-${end}/${media.size}`);
  }
  return reply
    .header('Content-Type', media.mime)
    .header('Accept-Ranges', 'bytes')
    .header('ETag', `"${sha256}"`)
    .send(Buffer.from(await mediaBytes(db, sha256, start, end)));
}
