import { z } from 'zod';
import { CASE_STATES, CASE_TYPES, LOCALES } from '../domain/enums';
import { CustomerIdentitySchema, DESCRIPTION_LIMITS, SUBJECT_LIMITS } from './case-filing';
import { requiredText } from './fields';

/**
 * Files sent with a filing or a message, base64 in the JSON body (so the HMAC signature covers
 * them like any other field). The server decides the type by content and applies the portal's
 * limits (5 files, 10 MB each); `contentType` is informative only.
 */
export const ApiAttachmentsSchema = z
  .array(
    z.object({
      name: requiredText(1, 255).describe('File name as the petitioner knows it'),
      contentType: z.string().max(100).optional().describe('Informative; the content decides'),
      contentBase64: z.base64({ error: 'invalid' }).describe('The file, base64-encoded'),
    }),
  )
  .optional()
  .describe('Up to 5 files of at most 10 MB each: PDF, images, Office/OpenDocument, text');
export type ApiAttachments = z.output<typeof ApiAttachmentsSchema>;

/**
 * The intake API's bodies (chat, WhatsApp, social, other systems). Field names are those of the
 * web filing, so errors point at the same fields everywhere. The OpenAPI document is generated
 * from these schemas (lib/server/intake/openapi.ts).
 */
export const ApiCreateCaseSchema = z
  .object({
    typeCode: z
      .enum(CASE_TYPES)
      .describe(
        'P petición, PD datos personales, C consulta, Q queja, R reclamo, S sugerencia, D denuncia, F felicitación',
      ),
    subject: requiredText(SUBJECT_LIMITS.min, SUBJECT_LIMITS.max),
    description: requiredText(DESCRIPTION_LIMITS.min, DESCRIPTION_LIMITS.max),
    isAnonymous: z.boolean().default(false),
    customer: CustomerIdentitySchema.optional().describe(
      'The petitioner, when identified by document',
    ),
    responseAddress: z
      .email({ error: 'email' })
      .optional()
      .describe('Where to answer when the petitioner is not identified by document yet'),
    hasConsent: z
      .boolean()
      .default(false)
      .describe('Habeas-data consent given in the channel (required with `customer`)'),
    locale: z.enum(LOCALES).default('es'),
    attachments: ApiAttachmentsSchema,
  })
  .meta({ id: 'CreateCase' });
export type ApiCreateCase = z.output<typeof ApiCreateCaseSchema>;

export const ApiMessageSchema = z
  .object({
    body: requiredText(1, DESCRIPTION_LIMITS.max).describe('What the petitioner wrote'),
    attachments: ApiAttachmentsSchema,
  })
  .meta({ id: 'AddMessage' });

export const ApiCaseStatusSchema = z
  .object({
    radicado: z.string(),
    typeCode: z.enum(CASE_TYPES),
    state: z.enum(CASE_STATES),
    stateLabel: z.string(),
    receivedAt: z.iso.datetime(),
    dueDate: z.iso.date().nullable().describe('Legal due date (organisation time zone)'),
    isPaused: z.boolean().describe('Waiting on the petitioner: the legal clock is stopped'),
    answeredAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'CaseStatus' });
export type ApiCaseStatus = z.infer<typeof ApiCaseStatusSchema>;

export const ApiMessageResultSchema = z
  .object({ radicado: z.string(), state: z.enum(CASE_STATES), eventId: z.number().int() })
  .meta({ id: 'MessageAdded' });

/** RFC 9457 problem details, with field errors for 422. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.record(z.string(), z.array(z.string())).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof ProblemSchema>;

/**
 * What an API channel's webhook receives for each public message of a case answered through it
 * (lib/server/notices/webhook-notices.ts builds it; the OpenAPI `webhooks` section documents it).
 */
export const WebhookMessageSchema = z
  .object({
    messageId: z
      .string()
      .describe(
        'Stable per message, equal to the X-Ventanilla-Event-Id header: a retried delivery carries the same id, so de-duplicate on it',
      ),
    radicado: z.string().describe('The case, e.g. PQRS-2026-000123'),
    kind: z
      .string()
      .describe(
        'reply, info_request, extension, answer, close, reopen, withdraw, withdraw_tacit, transfer, promise_made, promise_kept, promise_renegotiate, survey',
      ),
    subject: z.string().describe('One line, as an e-mail subject would say it'),
    text: z
      .string()
      .describe('The message for the petitioner, plain text; paragraphs apart by a blank line'),
    locale: z.enum(LOCALES),
    createdAt: z.iso.datetime().describe('When the message was written'),
    accessUrl: z
      .string()
      .describe(
        'A personal link that opens the case for the petitioner (expires); give it to them only',
      ),
    attachments: z
      .array(
        z.object({
          name: z.string(),
          size: z.number().int().describe('Bytes'),
          type: z.string().describe('Media type'),
          url: z.string().describe('Absolute download address (petitioner access required)'),
        }),
      )
      .describe('Files the agent sent with the message'),
  })
  .meta({ id: 'WebhookMessage' });
export type WebhookMessage = z.infer<typeof WebhookMessageSchema>;
