// Writes dist/trusted-documents.json: every GraphQL document the app sends, printed as the app sends
// it, by SHA-256 — the manifest the gateway's trusted-documents mode accepts
// (Gateway__TrustedDocumentsPath; with Gateway__TrustedDocumentsOnly=true it runs nothing else).
// The documents come from the codegen output (src/gql/graphql.ts), fragments included.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { print } from 'graphql';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The `export const XDocument = {...} as unknown as DocumentNode<...>` objects of the codegen output. */
export function documentsOf(source) {
  const documents = [];
  const pattern = /^export const (\w+)Document = (\{.*\}) as unknown as DocumentNode/gm;
  for (const match of source.matchAll(pattern)) documents.push({ name: match[1], text: print(JSON.parse(match[2])) });
  return documents;
}

export function manifestOf(documents) {
  const manifest = {};
  for (const { text } of documents) manifest[createHash('sha256').update(text).digest('hex')] = text;
  return manifest;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const documents = documentsOf(readFileSync(join(web, 'src', 'gql', 'graphql.ts'), 'utf8'));
  if (documents.length === 0) throw new Error('no documents found in src/gql/graphql.ts');
  const target = join(web, 'dist', 'trusted-documents.json');
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, JSON.stringify(manifestOf(documents), null, 2) + '\n');
  console.log(`trusted documents: ${documents.length} written to dist/trusted-documents.json`);
}
