import 'server-only';
import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { formInput, failureOf, resolveActor, type ActorSource } from './action';
import type { Actor } from './actor';
import { requestCtx, type Ctx } from './context';
import { AppError, HTTP_STATUS, isAppError } from './errors';
import type { Access } from './guard';
import { parseInput } from './parse';
import { assertSameOriginWrite } from './same-origin';

type Params = Record<string, string | string[] | undefined>;

export interface RouteTools {
  request: Request;
  params: Params;
}

export interface RouteConfig<S extends z.ZodType> {
  /** Staff roles, another actor source, or `'public'` (the handler checks what it must). */
  access: Access | ActorSource | 'public';
  /** Parses the query (GET, HEAD) or the body (JSON, multipart or url-encoded form). */
  schema?: S;
  /** Message areas whose `validation` keys win over the shared ones (as for server actions). */
  messages?: readonly string[];
  /** Renders a failure another way (the intake API answers RFC 9457 problem+json). */
  onError?: (error: unknown, request: Request) => Response | Promise<Response>;
}

const PUBLIC: Actor = { role: 'customer', id: null, caseId: null };

/** The query string or the body as one object: the schema decides what it means. */
async function readInput(request: Request): Promise<Record<string, unknown>> {
  if (request.method === 'GET' || request.method === 'HEAD') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of new URL(request.url).searchParams) {
      const prior = out[key];
      out[key] = prior === undefined ? value : [prior, value].flat();
    }
    return out;
  }
  const type = request.headers.get('content-type') ?? '';
  if (
    type.startsWith('multipart/form-data') ||
    type.startsWith('application/x-www-form-urlencoded')
  ) {
    // A body that does not parse as the form it claims to be is bad input, not a server fault.
    const form = await request.formData().catch(() => {
      throw new AppError('VALIDATION', 'unreadable form', { fieldErrors: { _form: ['invalid'] } });
    });
    return formInput(form);
  }
  const text = await request.text();
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError('VALIDATION', 'not json', { fieldErrors: { _form: ['invalid'] } });
  }
  return body && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : { body };
}

/**
 * An error as `{ code, message, fieldErrors }` with its status (and Retry-After when limited); field
 * messages from the given areas first (`RouteConfig.messages`), as server actions do.
 */
export async function errorResponse(
  error: unknown,
  messages?: readonly string[],
): Promise<NextResponse> {
  const failure = await failureOf(error, messages);
  const status = failure.code === 'INTERNAL' ? 500 : HTTP_STATUS[failure.code];
  const headers: Record<string, string> = {};
  const retry = isAppError(error) ? error.detail?.retryAfterSeconds : undefined;
  if (typeof retry === 'number') headers['Retry-After'] = String(retry);
  return NextResponse.json(
    { code: failure.code, message: failure.message, fieldErrors: failure.fieldErrors ?? {} },
    { status, headers },
  );
}

/**
 * The one wrapper for route handlers: who is asking → zod over the query or body → the handler with
 * a context built once. A handler returns data (sent as private JSON) or its own Response (a CSV
 * stream, a file); every failure is mapped once, never an unlogged 500.
 */
export function route<S extends z.ZodType = z.ZodType<Record<string, unknown>>, T = unknown>(
  config: RouteConfig<S>,
  handler: (ctx: Ctx, input: z.infer<S>, tools: RouteTools) => T | Promise<T>,
) {
  return async (
    request: Request,
    context: { params?: Promise<Params> } = {},
  ): Promise<Response> => {
    try {
      const params = (await context.params) ?? {};
      assertSameOriginWrite(request);
      const raw = await readInput(request);
      const ctx =
        config.access === 'public'
          ? requestCtx(PUBLIC)
          : requestCtx(await resolveActor(config.access, { ...raw, ...params }));
      const input = (config.schema ? parseInput(config.schema, raw) : raw) as z.infer<S>;
      const result = await handler(ctx, input, { request, params });
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? null, {
        headers: { 'Cache-Control': 'private, no-store' },
      });
    } catch (error) {
      return config.onError
        ? config.onError(error, request)
        : errorResponse(error, config.messages);
    }
  };
}
