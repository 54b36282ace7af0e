import type { Plugin } from 'graphql-yoga';

/** SPEC §4: invalid input is VALIDATION_FAILED. */
export const VALIDATION_FAILED = 'VALIDATION_FAILED';

/**
 * graphql-js reports variables it cannot coerce (a string for an Int, null for a non-null, an
 * unknown enum value or input field) without `extensions.code`, and so does the gateway that
 * coerces them before planning. Every error a client gets carries a code, so these are tagged
 * VALIDATION_FAILED on their way out; errors that already have a code are left alone.
 */
export function useVariableErrorCodes(): Plugin {
  return {
    onResultProcess({ result }) {
      for (const item of Array.isArray(result) ? result : [result]) {
        const errors = (item as { errors?: ReadonlyArray<{ message?: string; extensions?: Record<string, unknown> }> }).errors;
        for (const error of errors ?? []) {
          if (error.extensions?.code == null && typeof error.message === 'string' && error.message.startsWith('Variable "$')) {
            (error as { extensions: Record<string, unknown> }).extensions = { ...error.extensions, code: VALIDATION_FAILED };
          }
        }
      }
    },
  };
}
