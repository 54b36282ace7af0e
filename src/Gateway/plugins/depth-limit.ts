import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';

/**
 * Refuses documents nested deeper than `maxDepth` before they are planned. Hive Gateway's own
 * `maxDepth` option skips introspection, and a deep `__schema { types { fields { type { ofType …`
 * document is the classic way to make a gateway burn CPU, so here introspection counts too.
 * Fragments are flattened so the standard introspection query (GraphiQL) stays well within the limit.
 */
export function useDepthLimit(maxDepth: number) {
  return maxDepthPlugin({ n: maxDepth, ignoreIntrospection: false, flattenFragments: true, exposeLimits: true });
}
