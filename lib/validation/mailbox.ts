import { z } from 'zod';
import { MAILBOX_AUTH_KINDS, MAILBOX_SECURITY } from '../domain/enums';
import { id, isServiceUrl, requiredText } from './fields';

/** A mailbox as the admin form sends it (issue 19 §1); messages are keys of `mailboxes.validation`. */
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const HOST =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const IPV4 = /^(\d{1,3})(\.\d{1,3}){3}$/;

const folder = z
  .string({ error: 'required' })
  .trim()
  .min(1, { error: 'required' })
  .max(200, { error: 'tooLong' })
  .refine((v) => !/[\u0000-\u001f*%]/.test(v), { error: 'folderName' });

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(blankToUndefined, schema.optional());

const fields = {
  name: requiredText(3, 120),
  host: z
    .string({ error: 'required' })
    .trim()
    .toLowerCase()
    .min(1, { error: 'required' })
    .refine((v) => HOST.test(v) || IPV4.test(v), { error: 'hostName' }),
  port: z.coerce
    .number({ error: 'required' })
    .int({ error: 'port' })
    .min(1, { error: 'port' })
    .max(65535, { error: 'port' }),
  security: z.enum(MAILBOX_SECURITY, { error: 'invalid' }).default('tls'),
  authKind: z.enum(MAILBOX_AUTH_KINDS, { error: 'invalid' }).default('password'),
  username: requiredText(1, 320),
  oauthTokenUrl: optional(
    z.string().trim().max(500, { error: 'tooLong' }).refine(isServiceUrl, { error: 'tokenUrl' }),
  ),
  oauthClientId: optional(z.string().trim().max(300, { error: 'tooLong' })),
  oauthClientSecret: optional(z.string().max(500, { error: 'tooLong' })),
  oauthScope: optional(z.string().trim().max(500, { error: 'tooLong' })),
  caPem: optional(
    z
      .string()
      .trim()
      .max(20_000, { error: 'tooLong' })
      .refine((v) => v.includes('-----BEGIN CERTIFICATE-----'), { error: 'certificate' }),
  ),
  folder: z.preprocess(blankToUndefined, folder.default('INBOX')),
  processedFolder: z.preprocess(blankToUndefined, folder.default('Procesados')),
  teamId: z.preprocess(blankToUndefined, id.optional()),
  maxMegabytes: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'invalid' })
      .int({ error: 'invalid' })
      .min(1, { error: 'maxMegabytes' })
      .max(100, { error: 'maxMegabytes' })
      .default(25),
  ),
};

type Shape = {
  authKind: string;
  folder: string;
  processedFolder: string;
  oauthTokenUrl?: unknown;
  oauthClientId?: unknown;
};
function crossChecks(v: Shape, ctx: z.RefinementCtx) {
  if (v.folder === v.processedFolder) {
    ctx.addIssue({ code: 'custom', path: ['processedFolder'], message: 'sameFolder' });
  }
  if (v.authKind === 'oauth2') {
    if (!v.oauthTokenUrl)
      ctx.addIssue({ code: 'custom', path: ['oauthTokenUrl'], message: 'required' });
    if (!v.oauthClientId)
      ctx.addIssue({ code: 'custom', path: ['oauthClientId'], message: 'required' });
  }
}

/** The password, or the OAuth2 refresh token. */
const secret = z
  .string({ error: 'required' })
  .min(1, { error: 'required' })
  .max(4000, { error: 'tooLong' });

export const MailboxCreateSchema = z.object({ ...fields, secret }).superRefine(crossChecks);
/** On a change, an empty secret keeps the stored one. */
export const MailboxUpdateSchema = z
  .object({ id, ...fields, secret: optional(secret) })
  .superRefine(crossChecks);
export const MailboxIdSchema = z.object({ id });

export type MailboxInput = z.infer<typeof MailboxCreateSchema>;
