import { z } from 'zod';

/**
 * Runs in the browser before the app's own code. The page policy forbids eval
 * (lib/server/core/security-headers.ts), so zod must not compile its parsers with `Function`: its
 * probe for that runs when the first object schema is built and would be reported as a violation.
 */
z.config({ jitless: true });
