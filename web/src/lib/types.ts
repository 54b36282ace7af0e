/**
 * Shapes of the GraphQL contract (SPEC §4) as this app selects them: names for the generated types
 * (src/gql, from schema/supergraph.graphql and the documents in queries.ts), so a page imports
 * `ModelDetail`, not `ModelDetailFragment`. Nothing here is written by hand except the state lists,
 * and those are checked against the generated unions.
 */
import type {
  DatasetsQuery,
  MeQuery,
  ModelDetailFragment,
  ModelEvaluationQuery,
  ModelState,
  MyRequestsQuery,
  TargetDetailFragment,
  TargetMembersQuery,
  TargetState,
  UserFieldsFragment,
} from '../gql/graphql';

export type {
  ModelDetailFragment as ModelDetail,
  ModelState,
  ModelSummaryFragment as ModelSummary,
  NoticeFieldsFragment as Notice,
  TargetDetailFragment as TargetDetail,
  TargetState,
  TargetSummaryFragment as TargetSummary,
  UserFieldsFragment as UserRow,
} from '../gql/graphql';

type NodeOf<C extends Connection<unknown>> = NonNullable<NonNullable<NonNullable<C['edges']>[number]>['node']>;

export type Me = NonNullable<MeQuery['me']>;
export type ModelMetrics = NonNullable<ModelDetailFragment['metrics']>;
export type HistoryEntry = ModelDetailFragment['history'][number] | TargetDetailFragment['history'][number];
export type Dataset = DatasetsQuery['datasets'][number];
export type EvaluatedModel = NonNullable<ModelEvaluationQuery['modelRequest']>;
export type Evaluation = NonNullable<EvaluatedModel['evaluation']>;
export type Candidate = EvaluatedModel['leaderboard'][number];
export type TargetMember = NodeOf<TargetMembersQuery['targetMembers']>;
export type MyRequest = NodeOf<MyRequestsQuery['myRequests']>;
export type Role = UserFieldsFragment['roles'][number];

/** The Relay-style connection every list field answers with (SPEC §4). */
export interface Connection<T> {
  totalCount: number | null;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: ({ cursor: string; node: T | null } | null)[] | null;
}

export function nodes<T>(connection: Connection<T> | null | undefined): T[] {
  return (connection?.edges ?? []).flatMap((edge) => (edge?.node ? [edge.node] : []));
}

/** Every state in display order; `satisfies` keeps each list inside the schema's enum. */
export const MODEL_STATES = [
  'REQUESTED',
  'APPROVED',
  'TRAINING',
  'COMPLETED',
  'FAILED',
  'REJECTED',
  'CANCELING',
  'CANCELED',
] as const satisfies readonly ModelState[];
export const TARGET_STATES = [
  'REQUESTED',
  'APPROVED',
  'EXTRACTING',
  'EXTRACTED',
  'DISPATCHING',
  'COMPLETED',
  'FAILED',
  'REJECTED',
  'CANCELED',
] as const satisfies readonly TargetState[];

/** States from which the requester may still cancel (SPEC §5). */
export const MODEL_CANCELABLE: readonly string[] = ['REQUESTED', 'APPROVED', 'TRAINING'] satisfies ModelState[];
export const TARGET_CANCELABLE: readonly string[] = ['REQUESTED', 'APPROVED', 'EXTRACTING', 'EXTRACTED'] satisfies TargetState[];
export const FINAL_STATES: readonly string[] = ['COMPLETED', 'FAILED', 'REJECTED', 'CANCELED'] satisfies (ModelState & TargetState)[];
