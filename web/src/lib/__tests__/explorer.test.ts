import { describe, expect, it } from 'vitest';
import { explorerCookies, explorerUrl, signInMark } from '../explorer';

describe('explorer cookies', () => {
  it('hands the token and the document to the settings file of the IDE only, encoded', () => {
    const [token, document] = explorerCookies('a.b.c', '{ me { username } }', false);
    expect(token).toBe('nocode_explorer_token=a.b.c; Path=/graphql/bcp-config.json; SameSite=Strict');
    expect(document).toBe(`nocode_explorer_document=${encodeURIComponent('{ me { username } }')}; Path=/graphql/bcp-config.json; SameSite=Strict`);
  });

  it('clears the token when signed out and marks cookies Secure over https', () => {
    const [token] = explorerCookies(null, null, true);
    expect(token).toBe('nocode_explorer_token=; Path=/graphql/bcp-config.json; SameSite=Strict; Secure; Max-Age=0');
  });

  it('leaves out a document too long for a cookie instead of cutting it', () => {
    const [, document] = explorerCookies('t', 'x'.repeat(5_000), false);
    expect(document).toContain('nocode_explorer_document=;');
    expect(document).toContain('Max-Age=0');
  });
});

describe('explorer url', () => {
  it('is the gateway endpoint with a trailing slash, so the IDE finds its files', () => {
    expect(explorerUrl('http://localhost:8080/graphql')).toBe('http://localhost:8080/graphql/');
    expect(explorerUrl('https://nocode.example.com/graphql/')).toBe('https://nocode.example.com/graphql/');
  });
});

describe('sign-in mark', () => {
  it('tells sign-ins apart by their claims, never keeping the signature', () => {
    expect(signInMark('header.claims-a.signature')).toBe('claims-a');
    expect(signInMark(null)).toBe('');
  });
});
