/**
 * The explorer is Banana Cake Pop, served by the gateway at /graphql/ (same origin here: the dev
 * server and the ingress both send /graphql to the gateway). The IDE reads its settings from the
 * gateway at /graphql/bcp-config.json, which takes the token of the signed-in user and the document
 * to open from two cookies sent to that one file only: the token never goes into a URL, nor along
 * with GraphQL requests.
 */
export const TOKEN_COOKIE = 'nocode_explorer_token';
export const DOCUMENT_COOKIE = 'nocode_explorer_document';
export const CONFIG_PATH = '/graphql/bcp-config.json';

/** Where Banana Cake Pop keeps its tabs, each with the headers it was opened with (same origin). */
export const EXPLORER_DATABASE = 'banana-cake-pop';

/** Which sign-in a token belongs to, without keeping the token: its claims segment. */
export function signInMark(token: string | null): string {
  return token?.split('.')[1] ?? '';
}

/** Browsers keep about 4 KB per cookie: longer documents are not pre-filled. */
const MAX_DOCUMENT = 3_500;

/** The cookies that hand the IDE the token and the document (an empty value clears one). */
export function explorerCookies(token: string | null, document: string | null, secure: boolean): string[] {
  const attributes = `; Path=${CONFIG_PATH}; SameSite=Strict${secure ? '; Secure' : ''}`;
  const encodedDocument = document ? encodeURIComponent(document) : '';
  return [
    `${TOKEN_COOKIE}=${token ? encodeURIComponent(token) : ''}${attributes}${token ? '' : '; Max-Age=0'}`,
    `${DOCUMENT_COOKIE}=${encodedDocument.length <= MAX_DOCUMENT ? encodedDocument : ''}${attributes}${encodedDocument && encodedDocument.length <= MAX_DOCUMENT ? '' : '; Max-Age=0'}`,
  ];
}

/** Where the IDE is: /graphql/ of the gateway the app talks to. */
export function explorerUrl(graphqlHttpUrl: string): string {
  const url = new URL(graphqlHttpUrl);
  url.pathname = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return url.toString();
}
