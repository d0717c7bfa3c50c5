/**
 * Request schemas reach Fastify from their one definition in src/schema (valibot), as the JSON
 * Schema that validates the request and documents it in /api/openapi.json.
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import type { GenericSchema } from 'valibot';

export function json(schema: GenericSchema): Record<string, unknown> {
  const { $schema: _draft, ...rest } = toJsonSchema(schema) as Record<string, unknown>;
  return rest;
}

/** The error reply every route shares, for the OpenAPI document. */
export const ERROR = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        field: { type: 'string' },
      },
      required: ['code', 'message'],
    },
  },
} as const;
