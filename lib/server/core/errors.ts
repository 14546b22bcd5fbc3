import 'server-only';

/** The closed set of expected failures (STYLE.md rule 6). Anything else is a bug and is logged. */
export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'INVALID_TRANSITION',
  'CONFLICT',
  'RATE_LIMITED',
  'UNSUPPORTED_MEDIA_TYPE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  VALIDATION: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  // An action the state machine does not allow is a refusal of permission, not a clash of writers.
  INVALID_TRANSITION: 403,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UNSUPPORTED_MEDIA_TYPE: 415,
};

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Field name → message keys (translated at the boundary). */
  readonly fieldErrors?: FieldErrors;
  /** Extra machine-readable detail, e.g. the refused guard. */
  readonly detail?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string = code,
    options: { fieldErrors?: FieldErrors; detail?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fieldErrors = options.fieldErrors;
    this.detail = options.detail;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/**
 * The database's refusals of a write that a request's input caused: a row it names does not exist
 * (a foreign key), a value already taken (unique), a value the table does not allow. The verbs
 * check these first with a field message; this is the net for one they miss, so that a stranger's
 * input is a 4xx, never a 500. Anything else (a busy or corrupt database) stays unexpected.
 * SQLite names them; PostgreSQL gives their SQLSTATE (class 23, integrity constraint violation).
 */
const CONSTRAINT_CODES: Readonly<Record<string, ErrorCode>> = {
  SQLITE_CONSTRAINT_FOREIGNKEY: 'VALIDATION',
  SQLITE_CONSTRAINT_CHECK: 'VALIDATION',
  SQLITE_CONSTRAINT_NOTNULL: 'VALIDATION',
  SQLITE_CONSTRAINT_UNIQUE: 'CONFLICT',
  SQLITE_CONSTRAINT_PRIMARYKEY: 'CONFLICT',
  '23503': 'VALIDATION', // foreign_key_violation
  '23514': 'VALIDATION', // check_violation
  '23502': 'VALIDATION', // not_null_violation
  '23505': 'CONFLICT', // unique_violation (primary keys too)
};

/** The driver's error code, through the query builder's wrapper (`cause`). */
export function constraintCode(error: unknown): string | null {
  for (let e = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code in CONSTRAINT_CODES) return code;
  }
  return null;
}

/** A unique key refused the write (on either engine), optionally a given constraint's. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth += 1) {
    const {
      code,
      message,
      constraint: named,
    } = e as {
      code?: unknown;
      message?: string;
      constraint?: string;
    };
    if (code !== 'SQLITE_CONSTRAINT_UNIQUE' && code !== '23505') continue;
    return constraint === undefined || `${named ?? ''} ${message ?? ''}`.includes(constraint);
  }
  return false;
}

/**
 * An error as the expected failure it means, when it is one: an AppError as it is, a constraint
 * refusal (above) as VALIDATION or CONFLICT, logged, since a verb should have caught it with a
 * field message first. Anything else is returned unchanged: a bug, answered 500.
 */
export function expectedFailure(error: unknown): unknown {
  if (isAppError(error)) return error;
  const code = constraintCode(error);
  const mapped = code ? CONSTRAINT_CODES[code] : undefined;
  if (!mapped) return error;
  console.warn('[request] constraint refused a write the verb did not check', code, error);
  return new AppError(mapped, code!, { fieldErrors: { _form: ['invalid'] } });
}
