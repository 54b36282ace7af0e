#!/usr/bin/env node
// Composes schema/supergraph.graphql from the subgraph SDL files in schema/.
//
//   node compose.mjs            write schema/supergraph.graphql
//   node compose.mjs --check    exit 1 when the checked-in supergraph differs from a fresh composition
//   --schema-dir <dir>          read <dir>/subgraphs.json and <dir>/<name>.graphql, write <dir>/supergraph.graphql
//                               (default: ../../schema relative to this file, or $NOCODE_SCHEMA_DIR)
//
// schema/subgraphs.json maps each subgraph name to the URL the supergraph records for it:
//   { "access": { "url": "http://127.0.0.1:5101/graphql" }, ... }
// A subgraph listed there whose <name>.graphql does not exist yet is skipped (with a note),
// so the platform composes while services are still being written.
import { readFile, writeFile, access } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { composeServices, compositionHasErrors } from '@theguild/federation-composition';

const here = dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const options = { check: false, schemaDir: process.env.NOCODE_SCHEMA_DIR ?? resolve(here, '../../schema') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--check') options.check = true;
    else if (arg === '--schema-dir') options.schemaDir = resolve(argv[++i] ?? fail('--schema-dir needs a value'));
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: node compose.mjs [--check] [--schema-dir <dir>]');
      process.exit(0);
    } else fail(`unknown argument: ${arg}`);
  }
  return options;
}

function fail(message) {
  console.error(`compose: ${message}`);
  process.exit(1);
}

const exists = (path) => access(path).then(() => true, () => false);

async function loadServices(schemaDir) {
  const manifestPath = join(schemaDir, 'subgraphs.json');
  if (!(await exists(manifestPath))) fail(`${manifestPath} not found`);
  let manifest;
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  } catch (error) {
    fail(`${manifestPath} is not valid JSON: ${error.message}`);
  }

  const services = [];
  // Sorted so the supergraph does not depend on the order of keys in subgraphs.json.
  for (const name of Object.keys(manifest).sort()) {
    const { url } = manifest[name] ?? {};
    if (!url) fail(`${manifestPath}: subgraph "${name}" has no "url"`);
    const sdlPath = join(schemaDir, `${name}.graphql`);
    if (!(await exists(sdlPath))) {
      console.error(`compose: note: ${sdlPath} does not exist, subgraph "${name}" left out`);
      continue;
    }
    let typeDefs;
    try {
      typeDefs = parse(await readFile(sdlPath, 'utf8'));
    } catch (error) {
      fail(`${sdlPath} does not parse: ${error.message}`);
    }
    services.push({ name, url, typeDefs });
  }
  if (services.length === 0) fail(`no subgraph SDL found in ${schemaDir} (run ./nocode compose to export it)`);
  return services;
}

function compose(services) {
  const result = composeServices(services);
  if (compositionHasErrors(result)) {
    console.error(`compose: composition of ${services.map((s) => s.name).join(', ')} FAILED with ${result.errors.length} error(s):`);
    for (const error of result.errors) {
      const code = error.extensions?.code ? `[${error.extensions.code}] ` : '';
      console.error(`  - ${code}${error.message}`);
    }
    process.exit(1);
  }
  return result.supergraphSdl.endsWith('\n') ? result.supergraphSdl : `${result.supergraphSdl}\n`;
}

const options = parseArgs(process.argv.slice(2));
const services = await loadServices(options.schemaDir);
const supergraph = compose(services);
const supergraphPath = join(options.schemaDir, 'supergraph.graphql');

if (options.check) {
  const current = (await exists(supergraphPath)) ? await readFile(supergraphPath, 'utf8') : null;
  if (current !== supergraph) {
    console.error(
      current === null
        ? `compose: ${supergraphPath} is missing; run ./nocode compose`
        : `compose: ${supergraphPath} is stale: it differs from a fresh composition of ${services.map((s) => s.name).join(', ')}; run ./nocode compose`,
    );
    process.exit(1);
  }
  console.log(`compose: ${supergraphPath} is up to date (${services.map((s) => s.name).join(', ')})`);
} else {
  await writeFile(supergraphPath, supergraph);
  console.log(`compose: wrote ${supergraphPath} (${services.map((s) => s.name).join(', ')})`);
}
