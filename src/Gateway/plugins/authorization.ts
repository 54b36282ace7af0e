// Which client headers an operation carries to the subgraphs: Authorization and X-Forwarded-For.
//
// HTTP and SSE clients send the `Authorization` header. Browsers cannot set headers on a
// WebSocket, so graphql-transport-ws clients put it in the `connection_init` payload:
// `{ "Authorization": "Bearer <token>" }`. Hive Gateway keeps that payload in the GraphQL
// context as `connectionParams` (its `request` is then only the HTTP upgrade request), so the
// payload wins when present. Keys are matched case-insensitively, and a nested
// `{ headers: { Authorization } }` (Apollo-style clients) is accepted too.

type Params = Record<string, unknown> | undefined | null;

function findAuthorization(params: Params): string | undefined {
  if (!params || typeof params !== 'object') return undefined;
  for (const [key, value] of Object.entries(params)) {
    if (key.toLowerCase() === 'authorization' && typeof value === 'string' && value.length > 0) return value;
  }
  const nested = (params as { headers?: Params }).headers;
  return nested && nested !== params ? findAuthorization(nested) : undefined;
}

export function headersFromClient(
  request: Request | undefined,
  context: { connectionParams?: Params } | undefined,
): Record<string, string> | undefined {
  const headers: Record<string, string> = {};
  const value = findAuthorization(context?.connectionParams) ?? request?.headers?.get('authorization') ?? undefined;
  if (value) headers.authorization = value;
  // The client address an ingress or proxy recorded: the access service throttles failed sign-ins per address.
  const forwarded = request?.headers?.get('x-forwarded-for');
  if (forwarded) headers['x-forwarded-for'] = forwarded;
  return Object.keys(headers).length > 0 ? headers : undefined;
}
