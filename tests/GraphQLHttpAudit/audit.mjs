// graphql-http's server audits (the GraphQL-over-HTTP spec's MUST and SHOULD checks) against one URL.
// Usage: node audit.mjs http://127.0.0.1:4000/graphql
// Prints every result; exits 1 when any MUST fails (error) or any SHOULD is not met (warn).
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql endpoint URL>');
  process.exit(2);
}

const results = await auditServer({ url });
let failed = 0;
for (const result of results) {
  if (result.status === 'ok') {
    console.log(`ok     ${result.name}`);
    continue;
  }
  if (result.status === 'warn' || result.status === 'error') failed++;
  const body = await result.response.text().catch(() => '');
  console.log(`${result.status.padEnd(6)} ${result.name}: ${result.reason} (HTTP ${result.response.status} ${result.response.headers.get('content-type') ?? ''}) ${body.slice(0, 200)}`);
}
console.log(`${results.length} audits, ${failed} not met`);
process.exit(failed > 0 ? 1 : 0);
