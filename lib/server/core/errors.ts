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
