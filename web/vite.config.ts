// NocodeAI web: built by `vite build`, served by `vite preview` (npm start) or `vite` (npm run dev).
//
// Environment (./nocode sets them):
//   HOST / PORT          where to listen (127.0.0.1:8080)
//   NOCODE_GATEWAY_URL   the gateway's GraphQL endpoint (http://localhost:4000/graphql). The browser
//                        only talks to its own origin: /graphql is proxied there, WebSocket upgrades
//                        (graphql-transport-ws) included, so no CORS is involved.
/// <reference types="vitest/config" />
import { defineConfig, type ProxyOptions } from 'vite';

const env = process.env;
const host = env.HOST ?? '127.0.0.1';
const port = Number(env.PORT ?? 8080);
const gateway = new URL(env.NOCODE_GATEWAY_URL ?? 'http://localhost:4000/graphql');

const proxy: Record<string, ProxyOptions> = {
  '/graphql': {
    target: gateway.origin,
    ws: true,
    changeOrigin: true,
    rewrite: (path) => path.replace(/^\/graphql/, gateway.pathname),
  },
};

export default defineConfig({
  server: { host, port, strictPort: true, proxy },
  preview: { host, port, strictPort: true, proxy },
  build: {
    target: 'es2022',
    // GraphiQL brings Monaco: a few MB, loaded only when the explorer opens.
    chunkSizeWarningLimit: 6000,
    rolldownOptions: {
      onwarn(warning, warn) {
        // GraphiQL's dependencies mark modules "use client" (a React Server Components hint).
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  worker: { format: 'es' },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
