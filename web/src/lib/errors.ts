import type { CombinedError } from 'urql';

/**
 * One failure as the UI shows it: the server's `extensions.code` (SPEC §4) plus the details a
 * client acts on. Transport failures get codes of their own so every error reads the same way.
 */
export interface AppError {
  code: string;
  message: string;
  /** VALIDATION_FAILED: the input field at fault. */
  field?: string;
  /** INVALID_STATE_TRANSITION: the state the request is in now. */
  currentState?: string;
}

/** The codes the UI has words for; anything else is shown as UNKNOWN with the server's message. */
export const KNOWN_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'VALIDATION_FAILED',
  'INVALID_STATE_TRANSITION',
  'MODEL_NOT_READY',
  'CONFLICT',
  'RATE_LIMITED',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'SUBGRAPH_UNAVAILABLE',
  'NETWORK_ERROR',
  'INTERNAL_SERVER_ERROR',
] as const;

export type KnownCode = (typeof KNOWN_CODES)[number];

interface GraphQLErrorLike {
  message: string;
  extensions?: Record<string, unknown> | null;
}

interface ErrorLike {
  graphQLErrors?: readonly GraphQLErrorLike[];
  networkError?: Error | null;
  message?: string;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Flattens a urql CombinedError (or anything shaped like one) into AppErrors. */
export function toAppErrors(error: CombinedError | ErrorLike | null | undefined): AppError[] {
  if (!error) return [];
  const errors: AppError[] = (error.graphQLErrors ?? []).map((e) => {
    const ext = e.extensions ?? {};
    return {
      code: str(ext.code) ?? 'UNKNOWN',
      message: e.message,
      field: str(ext.field),
      currentState: str(ext.currentState),
    };
  });
  if (errors.length === 0 && error.networkError) {
    errors.push({ code: 'NETWORK_ERROR', message: error.networkError.message });
  }
  if (errors.length === 0) errors.push({ code: 'UNKNOWN', message: error.message ?? 'Unknown error' });
  return errors;
}

export function isKnownCode(code: string): code is KnownCode {
  return (KNOWN_CODES as readonly string[]).includes(code);
}

/**
 * A field the schema does not have yet answers GRAPHQL_VALIDATION_FAILED ("Cannot query field"):
 * the subgraph that owns it is not deployed, so the page says "not available yet" instead of failing.
 */
export function isNotAvailable(errors: AppError[]): boolean {
  return errors.length > 0 && errors.every((e) => e.code === 'GRAPHQL_VALIDATION_FAILED');
}

/** VALIDATION_FAILED errors by the input field they name; the first message per field wins. */
export function fieldErrors(errors: AppError[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const e of errors) {
    if (e.code === 'VALIDATION_FAILED' && e.field && !(e.field in byField)) byField[e.field] = e.message;
  }
  return byField;
}

/** Errors no form field shows: everything except VALIDATION_FAILED on one of `fields`. */
export function formLevelErrors(errors: AppError[], fields: readonly string[]): AppError[] {
  return errors.filter((e) => !(e.code === 'VALIDATION_FAILED' && e.field && fields.includes(e.field)));
}

/** Failures that pass on their own (a service restarting, the network blinking): worth retrying. */
export const TRANSIENT_CODES: readonly string[] = ['NETWORK_ERROR', 'SUBGRAPH_UNAVAILABLE'];

export function isTransient(errors: AppError[]): boolean {
  return errors.length > 0 && errors.every((e) => TRANSIENT_CODES.includes(e.code));
}
