import 'server-only';
import { REMOTE_CHANNELS, type CaseFilingInput } from '@/lib/validation/case-filing';
import {
  ApiCreateCaseSchema,
  ApiMessageSchema,
  type ApiAttachments,
  type ApiCreateCase,
} from '@/lib/validation/intake-api';
import { checkUploads, UPLOAD_LIMITS, withStoredFiles } from '../cases/uploads';
import { SYSTEM_ACTOR } from '../core/actor';
import { createCase } from '../cases/create-case';
import { addCustomerMessage } from '../portal/customer-message';
import { AppError, isAppError } from '../core/errors';
import { parseInput } from '../core/parse';
import { consumeLimit } from '../core/rate-limit';
import { idempotent, requestHash, type StoredResponse } from './idempotency';
import { authenticateApiKey, type ApiCaller } from './keys';
import { apiLocale, problemFromError, renderProblem } from './problem';
import { verifySignature } from './signature';
import { apiCaseStatus, findApiCase } from './status';
import { asActor, type Ctx } from '../core/context';

/** 1 MB of text, plus room for the largest batch of files base64-encoded (4 bytes per 3). */
const MAX_BODY_BYTES =
  1024 * 1024 + Math.ceil((UPLOAD_LIMITS.maxFiles * UPLOAD_LIMITS.maxBytes * 4) / 3);

/** The files of an API body, decoded and checked like the portal's (422 on `attachments`). */
async function apiFiles(list: ApiAttachments) {
  return checkUploads(
    (list ?? []).map((file) => ({
      name: file.name,
      bytes: Buffer.from(file.contentBase64, 'base64'),
    })),
  );
}
/**
 * Requests per key per minute; the counter is written once per 25 requests (core/rate-limit.ts
 * `batch`), not on each.
 */
export const API_RATE = { name: 'api-key', points: 300, durationSeconds: 60, batch: 25 } as const;

/** A body over the cap, refused on `body` with the cap in its message. */
export const bodyTooLarge = () =>
  new AppError('VALIDATION', 'body too large', {
    fieldErrors: { body: ['bodyTooLarge'] },
    detail: { params: { mb: Math.floor(MAX_BODY_BYTES / (1024 * 1024)) } },
  });

async function readBody(request: Request): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw bodyTooLarge();
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw bodyTooLarge();
  return text;
}

/**
 * Who is calling: `Authorization: Bearer <key>` (or `X-Api-Key`), and when the key has a signing
 * secret, a valid `X-Ventanilla-Signature` over the raw body. Then the key's rate limit.
 */
async function authenticate(request: Request, raw: string, ctx: Ctx): Promise<ApiCaller> {
  const bearer = request.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const caller = await authenticateApiKey(
    ctx.db,
    bearer ?? request.headers.get('x-api-key'),
    ctx.now,
  );
  if (!caller) throw new AppError('UNAUTHENTICATED', 'unknown or revoked API key');
  if (
    caller.signingSecret !== null &&
    !verifySignature(
      caller.signingSecret,
      raw,
      request.headers.get('x-ventanilla-signature'),
      ctx.now,
    )
  ) {
    throw new AppError('UNAUTHENTICATED', 'bad signature');
  }
  const limit = await consumeLimit(ctx.db, API_RATE, String(caller.keyId));
  if (limit.isLimited) {
    throw new AppError('RATE_LIMITED', 'too many requests', {
      detail: { retryAfterSeconds: limit.retryAfterSeconds },
    });
  }
  return caller;
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new AppError('VALIDATION', 'invalid JSON', { fieldErrors: { body: ['invalidJson'] } });
  }
}

/** A use case's outcome as the response to store: expected refusals are answers too (e.g. 422). */
async function answer(
  request: Request,
  run: () => StoredResponse | Promise<StoredResponse>,
): Promise<StoredResponse> {
  try {
    return await run();
  } catch (error) {
    if (!isAppError(error)) throw error;
    const problem = problemFromError(error, apiLocale(request));
    return { status: problem.status, body: JSON.stringify(problem) };
  }
}

function send(stored: StoredResponse & { isReplay?: boolean }, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = {
    'Content-Type':
      stored.status >= 400
        ? 'application/problem+json; charset=utf-8'
        : 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...extra,
  };
  if (stored.isReplay) headers['Idempotent-Replayed'] = 'true';
  return new Response(stored.body, { status: stored.status, headers });
}

/**
 * The API body as a filing through the caller's channel: answered through the channel when it has
 * a webhook (every public message is POSTed there), else by e-mail as before.
 */
function toFiling(input: ApiCreateCase, caller: ApiCaller): CaseFilingInput {
  return {
    ...input,
    channel: caller.channel,
    responseMedium: caller.hasWebhook ? 'api' : 'email',
    responseAddress: input.responseAddress ?? input.customer?.email,
  };
}

/**
 * A write of the API: read the body, authenticate, then run `produce` once per Idempotency-Key
 * (a retry gets the stored response), expected refusals stored as answers too.
 */
async function idempotentWrite(
  request: Request,
  ctx: Ctx,
  path: string,
  produce: (raw: string, caller: ApiCaller) => StoredResponse | Promise<StoredResponse>,
): Promise<StoredResponse & { isReplay: boolean }> {
  const raw = await readBody(request);
  const caller = await authenticate(request, raw, ctx);
  return idempotent(
    ctx.db,
    caller.keyId,
    request.headers.get('idempotency-key'),
    requestHash(request.method, path, raw),
    () => answer(request, () => produce(raw, caller)),
  );
}

/**
 * POST /api/v1/cases. The API authenticates its own callers (key, signature, rate limit), so
 * `ctx` is any context over the database: the case is filed as the system, through the key's
 * channel.
 */
export async function createCaseViaApi(ctx: Ctx, request: Request): Promise<Response> {
  try {
    const stored = await idempotentWrite(request, ctx, '/api/v1/cases', async (raw, caller) => {
      const { attachments, ...input } = parseInput(ApiCreateCaseSchema, parseJson(raw));
      const created = await withStoredFiles(await apiFiles(attachments), (stored) =>
        createCase(asActor(ctx, SYSTEM_ACTOR), toFiling(input, caller), {
          intakeChannelId: caller.channelId,
          attachments: stored,
          offerRepeat: true,
        }),
      );
      const status = await apiCaseStatus(ctx.db, created.id, apiLocale(request));
      const body = created.accessCode ? { ...status, accessCode: created.accessCode } : status;
      return { status: 201, body: JSON.stringify(body) };
    });
    const location = stored.status === 201 ? JSON.parse(stored.body).radicado : null;
    return send(stored, location ? { Location: `/api/v1/cases/${location}` } : {});
  } catch (error) {
    return renderProblem(error, request);
  }
}

export interface ApiCaseParams {
  radicado: string;
}

/** GET /api/v1/cases/{radicado}: only cases filed through the caller's own channel. */
export async function getCaseViaApi(
  ctx: Ctx,
  request: Request,
  { radicado }: ApiCaseParams,
): Promise<Response> {
  try {
    const caller = await authenticate(request, '', ctx);
    const id = await findApiCase(ctx.db, radicado, caller.channelId);
    const body = JSON.stringify(await apiCaseStatus(ctx.db, id, apiLocale(request)));
    return send({ status: 200, body });
  } catch (error) {
    return renderProblem(error, request);
  }
}

/** POST /api/v1/cases/{radicado}/messages */
export async function addMessageViaApi(
  ctx: Ctx,
  request: Request,
  { radicado }: ApiCaseParams,
): Promise<Response> {
  try {
    const path = `/api/v1/cases/${radicado}/messages`;
    const stored = await idempotentWrite(request, ctx, path, async (raw, caller) => {
      const id = await findApiCase(ctx.db, radicado, caller.channelId);
      const input = parseInput(ApiMessageSchema, parseJson(raw));
      const channel = (REMOTE_CHANNELS as readonly string[]).includes(caller.channel)
        ? (caller.channel as (typeof REMOTE_CHANNELS)[number])
        : 'api';
      const added = await withStoredFiles(await apiFiles(input.attachments), (stored) =>
        addCustomerMessage(
          asActor(ctx, SYSTEM_ACTOR),
          { caseId: id, body: input.body, channel },
          { attachments: stored },
        ),
      );
      return { status: 201, body: JSON.stringify(added) };
    });
    return send(stored);
  } catch (error) {
    return renderProblem(error, request);
  }
}
