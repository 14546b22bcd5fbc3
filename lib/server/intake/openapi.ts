import 'server-only';
import { z } from 'zod';
import {
  ApiCaseStatusSchema,
  ApiCreateCaseSchema,
  ApiMessageResultSchema,
  ApiMessageSchema,
  ProblemSchema,
} from '@/lib/validation/intake-api';
import { SIGNATURE_TOLERANCE_SECONDS } from './signature';

type JsonSchema = Record<string, unknown>;

/** Component schemas straight from the zod schemas the handlers validate with. */
function components(schemas: Record<string, z.ZodType>, io: 'input' | 'output') {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const out = z.toJSONSchema(registry, {
    io,
    target: 'draft-2020-12',
    uri: (id) => `#/components/schemas/${id}`,
  }).schemas as Record<string, JsonSchema>;
  return Object.fromEntries(
    Object.entries(out).map(([id, s]) => {
      const { $schema: _s, $id: _i, ...rest } = s;
      return [id, rest];
    }),
  );
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: string) => ({ 'application/json': { schema: ref(id) } });
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
const ERRORS = {
  '401': problem('Missing, unknown or revoked API key, or a bad signature'),
  '404': problem('No such case filed through this channel'),
  '422': problem('Invalid body: `errors` maps each field to its messages'),
  '429': problem('Too many requests for this key (see Retry-After)'),
};

const RADICADO = {
  name: 'radicado',
  in: 'path',
  required: true,
  schema: { type: 'string', example: 'PQRS-2026-000123' },
};
const IDEMPOTENCY = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Any unique string (≤ 200 printable characters). A retry with the same key and body gets the first response again (header Idempotent-Replayed: true) and creates nothing.',
  schema: { type: 'string', maxLength: 200 },
};

/** The OpenAPI 3.1 document served at /api/v1/openapi.json. */
export function openApiDocument(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Ventanilla — intake API',
      version: '1.0.0',
      description: `Cases and messages from chat, WhatsApp, social networks and other systems. Authenticate with \`Authorization: Bearer <key>\`. Keys issued with a signing secret must also send \`X-Ventanilla-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">\` (±${SIGNATURE_TOLERANCE_SECONDS} s). Errors are RFC 9457 problem details, in Spanish unless Accept-Language asks for English.`,
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    paths: {
      '/api/v1/cases': {
        post: {
          operationId: 'createCase',
          summary: 'File a case (radicar)',
          parameters: [IDEMPOTENCY],
          requestBody: { required: true, content: json('CreateCase') },
          responses: {
            '201': {
              description: 'Filed; the constancia is e-mailed when there is an address',
              content: json('CaseStatus'),
            },
            '409': problem('The first request with this Idempotency-Key is still running'),
            ...ERRORS,
          },
        },
      },
      '/api/v1/cases/{radicado}': {
        get: {
          operationId: 'getCase',
          summary: 'Read a case’s status',
          parameters: [RADICADO],
          responses: { '200': { description: 'The case', content: json('CaseStatus') }, ...ERRORS },
        },
      },
      '/api/v1/cases/{radicado}/messages': {
        post: {
          operationId: 'addMessage',
          summary: 'Add the petitioner’s message (answers an information request)',
          parameters: [RADICADO, IDEMPOTENCY],
          requestBody: { required: true, content: json('AddMessage') },
          responses: {
            '201': { description: 'Added', content: json('MessageAdded') },
            '409': problem('The first request with this Idempotency-Key is still running'),
            ...ERRORS,
          },
        },
      },
    },
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } },
      schemas: {
        ...components({ CreateCase: ApiCreateCaseSchema, AddMessage: ApiMessageSchema }, 'input'),
        ...components(
          {
            CaseStatus: ApiCaseStatusSchema,
            MessageAdded: ApiMessageResultSchema,
            Problem: ProblemSchema,
          },
          'output',
        ),
      },
    },
  };
}
