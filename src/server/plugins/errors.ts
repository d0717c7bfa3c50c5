/**
 * Every error becomes `{ error: { code, message, field? } }`: the caller's mistakes with a 4xx
 * that says what to fix, and anything else as a 503 that gives away no internals.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { logServerError } from '../error-log.js';
import { HttpError } from '../errors.js';

export function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  field?: string,
) {
  return reply.code(status).send({ error: { code, message, ...(field ? { field } : {}) } });
}

type FrameworkError = Error & {
  statusCode?: number;
  code?: string;
  validation?: { instancePath?: string; params?: Record<string, unknown> }[];
  validationContext?: string;
};

export const errors = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FrameworkError, request, reply) => {
      if (error instanceof HttpError) {
        if (error.retryAfter) reply.header('Retry-After', String(error.retryAfter));
        return sendError(reply, error.status, error.code, error.message, error.field);
      }
      if (error.validation) {
        const first = error.validation[0];
        const field =
          (first?.instancePath?.replace(/^\//, '').replace(/\//g, '.') ||
            (first?.params?.missingProperty as string | undefined) ||
            (first?.params?.additionalProperty as string | undefined)) ??
          undefined;
        return sendError(
          reply,
          400,
          'invalid',
          `${error.validationContext ?? 'request'}${field ? `.${field}` : ''} ${error.message.replace(/^[^ ]+ /, '')}`,
          field,
        );
      }
      if (error.statusCode === 429) return reply.code(429).send(error);
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
        return sendError(reply, 413, 'too-large', `The body is larger than this route accepts.`);
      if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
        return sendError(
          reply,
          415,
          'unsupported-media-type',
          'Send JSON (Content-Type: application/json).',
        );
      if (
        error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
        error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
        (error instanceof SyntaxError && error.statusCode === 400)
      )
        return sendError(
          reply,
          400,
          'invalid-json',
          `The body is not valid JSON: ${error.message}`,
        );
      if (error.statusCode && error.statusCode < 500)
        return sendError(reply, error.statusCode, 'bad-request', error.message);
      logServerError(request, error);
      // Anything else is ours, not the caller's: say so without internals, and ask for a retry.
      return reply
        .code(503)
        .header('Retry-After', '5')
        .send({
          error: {
            code: 'unavailable',
            message:
              'The server could not complete this request. Nothing was half-stored; try again shortly.',
          },
        });
    });
  },
  { name: 'errors' },
);
