import { z } from 'zod';
import { CASE_TYPES } from '@/lib/domain/enums';
import { id, isServiceUrl, requiredText } from './fields';

/** Admin catalogue forms (issue 7, items 4–6): categories, processes, root causes, templates, keys. */
const flag = z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean());
const optionalId = z.preprocess((v) => (v === '' || v === null ? undefined : v), id.optional());

export const NamedSchema = z.object({ name: requiredText(3, 120) });
export const RenameSchema = z.object({ id, name: requiredText(3, 120) });
export const ActiveSchema = z.object({ id, active: flag });

export const ProcessCreateSchema = z.object({
  name: requiredText(3, 120),
  ownerId: optionalId,
});
export const ProcessUpdateSchema = z.object({
  id,
  name: requiredText(3, 120),
  ownerId: optionalId,
});
export const RootCauseCreateSchema = z.object({ processId: id, name: requiredText(3, 120) });

export const TemplateSchema = z.object({
  name: requiredText(3, 120),
  body: requiredText(10, 5000),
  typeCode: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.enum(CASE_TYPES, { error: 'invalid' }).optional(),
  ),
});
export const TemplateUpdateSchema = TemplateSchema.extend({ id });

/** The kinds of channel that reach Ventanilla through an API key. */
export const INTAKE_KINDS = ['email', 'chat', 'whatsapp', 'social', 'api'] as const;

export const ChannelCreateSchema = z.object({
  name: requiredText(3, 120),
  channel: z.enum(INTAKE_KINDS, { error: 'invalid' }),
});
export const ApiKeyCreateSchema = z.object({
  channelId: id,
  name: requiredText(3, 120),
  withSigningSecret: flag,
});
export const RevokeSchema = z.object({ id });

export const ChannelWebhookSchema = z.object({
  id,
  webhookUrl: z
    .string({ error: 'required' })
    .trim()
    .min(1, { error: 'required' })
    .max(500, { error: 'tooLong' })
    .refine(isServiceUrl, { error: 'webhookUrl' }),
});
export const ChannelIdSchema = z.object({ id });
