import 'server-only';
import type { Ctx } from '../core/context';
import { route } from '../core/route';
import { renderProblem } from './problem';

type Params = Record<string, string | string[] | undefined>;
type IntakeHandler = (ctx: Ctx, request: Request, params: Params) => Promise<Response>;

/**
 * The route wrapper for `/api/v1`: public access (the handler checks the API key, the signature
 * and the key's rate limit itself), failures as RFC 9457 problem+json.
 *
 * The wrapper is handed a copy of the request without its body: the API signs, size-limits and
 * parses the raw body itself, in that order (a 401 before any parsing, a 1 MB ceiling before
 * reading it all, `body: invalidJson` for a body that is not JSON), and a body can be read once.
 * The handler gets the untouched original.
 */
export function intakeRoute(handler: IntakeHandler) {
  const wrapped = (original: Request) =>
    route({ access: 'public', onError: renderProblem }, (ctx, _input, { params }) =>
      handler(ctx, original, params),
    );
  return (request: Request, context: { params?: Promise<Params> } = {}) =>
    wrapped(request)(
      new Request(request.url, { method: 'GET', headers: request.headers }),
      context,
    );
}

/** A path parameter as one string (a catch-all segment never reaches these routes). */
export const param = (params: Params, name: string): string => {
  const value = params[name];
  return Array.isArray(value) ? value.join('/') : (value ?? '');
};
