import 'server-only';
import { z } from 'zod';
import {
  ApiCaseStatusSchema,
  ApiCreateCaseSchema,
  ApiMessageResultSchema,
  ApiMessageSchema,
  ProblemSchema,
  WebhookMessageSchema,
} from '@/lib/validation/intake-api';
import { MAX_ATTEMPTS, retryDelayMs } from '../notices/sender';
import { WEBHOOK_TIMEOUT_MS } from '../notices/webhook-transport';
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

const header = (name: string, description: string, example: string) => ({
  name,
  in: 'header',
  required: true,
  description,
  schema: { type: 'string', example },
});

/** From the first attempt to the last, all retries failing (hours, rounded). */
const RETRY_SPAN_HOURS = Math.round(
  Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1)).reduce((a, b) => a + b) /
    3_600_000,
);

/** What a channel's receiver must know: signature, answers, retries, de-duplication. */
const WEBHOOK_DESCRIPTION = [
  'When an admin sets a webhook URL on your channel (Administración › Canales), the cases filed through it are answered through it: every public message for the petitioner (reply, information request, promise made, renegotiated or kept, extension, transfer, answer, reopening, closing, withdrawal, satisfaction survey) is POSTed there as JSON. Internal notes never are. The filing receipt (constancia) is the response to `createCase` and is not sent again.',
  `**Signature.** \`X-Ventanilla-Signature: sha256=<hex>\` where hex is HMAC-SHA256, keyed with the channel's webhook secret (shown once to the admin; a rotation replaces it), of \`<X-Ventanilla-Timestamp>.<raw body>\` (the timestamp in unix seconds, a dot, the body bytes exactly as received). Compare in constant time and refuse timestamps more than ${SIGNATURE_TOLERANCE_SECONDS} s away from your clock.`,
  `**Answers and retries.** Any 2xx means received. 4xx (except 408 and 429) means refused for good: the message is marked failed with your answer kept in the delivery log. 5xx, 408, 429, a redirect (never followed), a network error or no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s are retried with backoff (1, 2, 4 … minutes apart) up to ${MAX_ATTEMPTS} attempts in all, the last about ${RETRY_SPAN_HOURS} hours after the first.`,
  '**At least once.** A message can arrive more than once (a retry after a lost answer, a restart mid-delivery). `X-Ventanilla-Event-Id` (equal to `messageId` in the body) is the same on every delivery of a message: keep the ids you processed and answer 2xx to a repeat without acting on it again. Messages of one case may arrive out of order when one of them was retried; order by `createdAt`.',
].join('\n\n');

const WEBHOOKS = {
  caseMessage: {
    post: {
      operationId: 'caseMessage',
      summary: 'A message for the petitioner of a case filed through your channel',
      description: WEBHOOK_DESCRIPTION,
      security: [],
      parameters: [
        header(
          'X-Ventanilla-Event-Id',
          'Stable per message: de-duplicate on it',
          'event.42@ventanilla.local',
        ),
        header('X-Ventanilla-Timestamp', 'Unix seconds when this attempt was signed', '1773669600'),
        header(
          'X-Ventanilla-Signature',
          'sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>',
          'sha256=5d41402abc4b2a76b9719d911017c592…',
        ),
      ],
      requestBody: { required: true, content: json('WebhookMessage') },
      responses: {
        '2XX': { description: 'Received (or already received: a repeat)' },
        '4XX': { description: 'Refused for good (except 408 and 429, which are retried)' },
        '5XX': { description: 'Retried later with backoff' },
      },
    },
  },
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
              description:
                'Filed; the constancia is e-mailed when there is an address. When the channel has a webhook, the case is answered through it (see `webhooks.caseMessage`)',
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
    webhooks: WEBHOOKS,
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } },
      schemas: {
        ...components({ CreateCase: ApiCreateCaseSchema, AddMessage: ApiMessageSchema }, 'input'),
        ...components(
          {
            CaseStatus: ApiCaseStatusSchema,
            MessageAdded: ApiMessageResultSchema,
            Problem: ProblemSchema,
            WebhookMessage: WebhookMessageSchema,
          },
          'output',
        ),
      },
    },
  };
}
