import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useQuery } from 'urql';
import type { CapabilitiesQuery } from '../gql/graphql';
import { CAPABILITIES } from './queries';

/**
 * What the deployed supergraph offers, as "Type.field" coordinates (Query.notices,
 * Subscription.noticeReceived, ModelRequest.targets, ...). Subgraphs arrive one by one (targets,
 * notices); a page whose fields are missing says "not available yet" instead of failing. When
 * introspection itself fails everything counts as present and GRAPHQL_VALIDATION_FAILED errors
 * are the fallback signal.
 */
type TypeFields = CapabilitiesQuery['modelRequestType'];

export function coordinatesOf(data: CapabilitiesQuery): Set<string> {
  const coordinates = new Set<string>();
  const add = (type: string, fields: TypeFields | null) => fields?.fields?.forEach((f) => coordinates.add(`${type}.${f.name}`));
  add('Query', data.__schema.queryType);
  add('Mutation', data.__schema.mutationType);
  add('Subscription', data.__schema.subscriptionType);
  add('ModelRequest', data.modelRequestType);
  return coordinates;
}

export interface Capabilities {
  has: (...coordinates: string[]) => boolean;
  notices: boolean;
  targets: boolean;
  myRequests: boolean;
}

const CapabilitiesContext = createContext<Capabilities | null>(null);

export function capabilitiesFrom(coordinates: Set<string> | null): Capabilities {
  const has = (...wanted: string[]) => coordinates === null || wanted.every((c) => coordinates.has(c));
  return {
    has,
    notices: has('Query.notices', 'Query.unreadNoticeCount'),
    targets: has('Query.targetRequests', 'Query.targetRequest'),
    myRequests: has('Query.myRequests'),
  };
}

export function CapabilitiesProvider({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  const [{ data, error, fetching }] = useQuery({ query: CAPABILITIES, requestPolicy: 'network-only' });
  const value = useMemo(() => capabilitiesFrom(data ? coordinatesOf(data) : null), [data]);
  if (fetching && !data && !error) return <>{fallback}</>;
  return <CapabilitiesContext.Provider value={value}>{children}</CapabilitiesContext.Provider>;
}

export function useCapabilities(): Capabilities {
  const value = useContext(CapabilitiesContext);
  if (!value) throw new Error('useCapabilities outside CapabilitiesProvider');
  return value;
}
