// NocodeAI gateway: GraphQL Hive Gateway serving the supergraph composed by `./nocode compose`.
//
// Environment (defaults are the local ./nocode layout):
//   GATEWAY_HOST / GATEWAY_PORT   where to listen (127.0.0.1:4000)
//   SUPERGRAPH_PATH               supergraph SDL (../../schema/supergraph.graphql, relative to this file)
//   <SUBGRAPH>_URL                e.g. MODELS_URL=http://models:8080/graphql, overrides the URL recorded
//                                 in the supergraph for that subgraph (Kubernetes service names)
//   CORS_ORIGINS                  comma separated browser origins (http://localhost:8080,http://127.0.0.1:8080)
//   SUBGRAPH_TIMEOUT_MS           timeout of a query or mutation sent to a subgraph (30000)
//   SUBGRAPH_STREAM_IDLE_TIMEOUT_MS  end a subscription whose subgraph sent nothing, not even a
//                                 keep-alive, for this long (60000; 0 disables)
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@graphql-hive/gateway';
import { useSubgraphStreamTermination } from './plugins/subgraph-stream-termination.ts';
import { headersFromClient } from './plugins/authorization.ts';
import { maskError } from './plugins/error-masking.ts';
import { useDepthLimit } from './plugins/depth-limit.ts';
import { useVariableErrorCodes } from './plugins/error-codes.ts';

const here = dirname(fileURLToPath(import.meta.url));
const env = process.env;

const supergraphPath = (() => {
  const path = env.SUPERGRAPH_PATH ?? '../../schema/supergraph.graphql';
  return isAbsolute(path) ? path : resolve(here, path);
})();

/** Subgraph names recorded in the supergraph, e.g. `@join__graph(name: "models", url: "...")`. */
function subgraphNames(): string[] {
  const sdl = readFileSync(supergraphPath, 'utf8');
  return [...sdl.matchAll(/@join__graph\(\s*name:\s*"([^"]+)"/g)].map((match) => match[1]);
}

/** `MODELS_URL` and friends let Kubernetes point the gateway at service names without recomposing. */
function subgraphUrlOverrides(): Record<string, { location: string }> {
  const overrides: Record<string, { location: string }> = {};
  for (const name of subgraphNames()) {
    const url = env[`${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`];
    if (url) overrides[name] = { location: url };
  }
  return overrides;
}

const subgraphTimeoutMs = Number(env.SUBGRAPH_TIMEOUT_MS ?? 30_000);

export const gatewayConfig = defineConfig({
  supergraph: supergraphPath,
  host: env.GATEWAY_HOST ?? '127.0.0.1',
  port: Number(env.GATEWAY_PORT ?? 4000),
  graphqlEndpoint: '/graphql',
  healthCheckEndpoint: '/healthcheck',
  readinessCheckEndpoint: '/readiness',
  graphiql: { title: 'NocodeAI', subscriptionsProtocol: 'WS' },
  landingPage: false,
  // Prometheus text format on GET /metrics: request, subgraph and fetch durations and errors
  // for the Grafana dashboards in k8s/base/observability.
  prometheus: { metrics: true, labels: { subgraphName: true } },
  maskedErrors: { maskError },
  cors: {
    origin: (env.CORS_ORIGINS ?? 'http://localhost:8080,http://127.0.0.1:8080').split(',').map((o) => o.trim()),
    credentials: true,
    allowedHeaders: ['authorization', 'content-type', 'accept', 'x-request-id'],
  },
  transportEntries: {
    // Every subgraph is HTTP. Subscriptions go to the same URL as POST with
    // `Accept: text/event-stream` (graphql-sse, distinct connections mode): the HTTP
    // executor would otherwise send them as GET with the query in the URL.
    '*.http': { options: { method: 'POST' } },
    ...subgraphUrlOverrides(),
  },
  // Applies to queries and mutations only: a subscription is a long-lived stream.
  upstreamTimeout: ({ executionRequest }) =>
    executionRequest?.operationType === 'subscription' ? undefined : subgraphTimeoutMs,
  propagateHeaders: {
    fromClientToSubgraphs: ({ request, context }) => headersFromClient(request, context),
  },
  // Alias and field bombs are bounded by the document's size in tokens (GraphiQL's introspection
  // query is about 300); the subgraphs bound the rest by complexity.
  maxTokens: Number(env.GATEWAY_MAX_TOKENS ?? 5_000),
  plugins: () => [
    useDepthLimit(Number(env.GATEWAY_MAX_DEPTH ?? 15)),
    useVariableErrorCodes(),
    useSubgraphStreamTermination({ idleTimeoutMs: Number(env.SUBGRAPH_STREAM_IDLE_TIMEOUT_MS ?? 60_000) }),
  ],
});
