// Error masking: the gateway never shows clients an exception's text, but a subgraph that
// cannot be reached deserves a clear, stable code instead of "Unexpected error.".
//
// Connection-level failures towards a subgraph (refused, reset, timed out) arrive as errors
// that carry an `originalError` and the subgraph's name; they are answered with
// SUBGRAPH_UNAVAILABLE. Errors a subgraph returned itself (UNAUTHENTICATED, FORBIDDEN, ...) are
// original GraphQL errors and pass through unchanged; anything else gets Yoga's default mask.
import { GraphQLError } from 'graphql';
import { maskError as defaultMaskError, type YogaMaskedErrorOpts } from 'graphql-yoga';
import { SUBGRAPH_UNAVAILABLE } from './subgraph-stream-termination.ts';

const CONNECTION_FAILURE_CODES = new Set(['SUBREQUEST_HTTP_ERROR', 'DOWNSTREAM_SERVICE_ERROR', 'TIMEOUT_ERROR']);

/** True when the error wraps an exception (a failed fetch, a reset socket), not a GraphQL error. */
function wrapsException(error: GraphQLError): boolean {
  let cause: unknown = error.originalError;
  while (cause != null) {
    if (!(cause instanceof GraphQLError)) return true;
    cause = cause.originalError;
  }
  return false;
}

export const maskError: YogaMaskedErrorOpts['maskError'] = (error, message, isDev) => {
  if (error instanceof GraphQLError && wrapsException(error)) {
    const code = error.extensions?.code;
    const serviceName = error.extensions?.serviceName;
    if (typeof serviceName === 'string' && typeof code === 'string' && CONNECTION_FAILURE_CODES.has(code)) {
      return new GraphQLError(`Subgraph "${serviceName}" is unavailable.`, {
        nodes: error.nodes,
        path: error.path,
        extensions: { code: SUBGRAPH_UNAVAILABLE, serviceName },
      });
    }
  }
  return defaultMaskError(error, message, isDev);
};
