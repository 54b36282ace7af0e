import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import type { GraphQLError } from 'graphql';

/** The code a client sees on a document the gateway refuses to plan (too deep, too many tokens). */
export const DOCUMENT_TOO_COMPLEX = 'GRAPHQL_VALIDATION_FAILED';

/**
 * graphql-armor reports its rejections without `extensions.code`; every error this platform
 * returns carries one (SPEC §4), so the rejection is tagged before it reaches the client.
 */
export function tagRejection(rule: string) {
  return (_: unknown, error: GraphQLError) => {
    const extensions = error.extensions as Record<string, unknown>;
    extensions.code ??= DOCUMENT_TOO_COMPLEX;
    extensions.rule ??= rule;
  };
}

/**
 * Refuses documents nested deeper than `maxDepth` before they are planned. Hive Gateway's own
 * `maxDepth` option skips introspection, and a deep `__schema { types { fields { type { ofType …`
 * document is the classic way to make a gateway burn CPU, so here introspection counts too.
 * Fragments are flattened so the standard introspection query (GraphiQL) stays well within the limit.
 */
export function useDepthLimit(maxDepth: number) {
  return maxDepthPlugin({
    n: maxDepth,
    ignoreIntrospection: false,
    flattenFragments: true,
    exposeLimits: true,
    onReject: [tagRejection('DEPTH')],
  });
}
