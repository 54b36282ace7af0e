// Types and typed documents for every GraphQL document in src/, generated from the composed
// supergraph (the contract the browser actually talks to). `npm run codegen` rewrites src/gql/;
// `npm run codegen:check` (part of `npm test`, so of ./nocode test) fails when src/gql/ is stale,
// i.e. when schema/supergraph.graphql or a document changed without regenerating.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../schema/supergraph.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: {
        // Pages read fragment fields directly; masking would add a useFragment call per read.
        fragmentMasking: false,
      },
      config: {
        // String unions, not TS enums: the values come straight off the wire and are compared as strings.
        enumsAsTypes: true,
        useTypeImports: true,
        // ISO-8601 strings on the wire (SPEC §4).
        scalars: { DateTime: 'string' },
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
        skipTypename: true,
      },
    },
  },
};

export default config;
