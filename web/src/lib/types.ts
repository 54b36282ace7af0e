/** Shapes of the GraphQL contract (SPEC §4) as this app selects them. */
import type { MenuEntry } from './routes';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  menus: MenuEntry[];
}

export interface Connection<T> {
  totalCount: number | null;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: ({ cursor: string; node: T | null } | null)[] | null;
}

export function nodes<T>(connection: Connection<T> | null | undefined): T[] {
  return (connection?.edges ?? []).flatMap((edge) => (edge?.node ? [edge.node] : []));
}

export const MODEL_STATES = ['REQUESTED', 'APPROVED', 'TRAINING', 'COMPLETED', 'FAILED', 'REJECTED', 'CANCELING', 'CANCELED'] as const;
export type ModelState = (typeof MODEL_STATES)[number];
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
] as const;
export type TargetState = (typeof TARGET_STATES)[number];

/** States from which the requester may still cancel (SPEC §5). */
export const MODEL_CANCELABLE: readonly string[] = ['REQUESTED', 'APPROVED', 'TRAINING'];
export const TARGET_CANCELABLE: readonly string[] = ['REQUESTED', 'APPROVED', 'EXTRACTING', 'EXTRACTED'];
export const FINAL_STATES: readonly string[] = ['COMPLETED', 'FAILED', 'REJECTED', 'CANCELED'];

export interface HistoryEntry {
  state: string;
  at: string;
  by: string;
  note: string | null;
}

export interface ModelSummary {
  id: string;
  name: string;
  requestedBy: string;
  state: ModelState;
  stage: string | null;
  progress: number;
  queuePosition: number | null;
  createdAt: string;
  updatedAt: string;
  spec: { dataset: string; label: string; algorithm: string };
}

export interface ModelMetrics {
  auc: number;
  accuracy: number;
  f1: number;
  logLoss: number;
  trainingRows: number;
  validationRows: number;
  durationMs: number;
  featureImportance: { feature: string; importance: number }[];
}

export interface ModelDetail extends ModelSummary {
  description: string | null;
  reason: string | null;
  spec: ModelSummary['spec'] & { features: string[]; validationFraction: number };
  metrics: ModelMetrics | null;
  history: HistoryEntry[];
}

export interface Dataset {
  name: string;
  description: string;
  rowCount: number;
  labels: string[];
  columns: { name: string; type: string }[];
}

export interface TargetSummary {
  id: string;
  name: string;
  requestedBy: string;
  state: TargetState;
  progress: number;
  targetCount: number | null;
  createdAt: string;
  updatedAt: string;
  model: { id: string; name: string } | null;
  criteria: { topN: number | null; minScore: number | null } | null;
}

export interface TargetDetail extends TargetSummary {
  message: string;
  reason: string | null;
  scoreSummary: { min: number; max: number; mean: number; p50: number; p90: number } | null;
  dispatch: { midasJobId: string | null; state: string; sent: number; failed: number; attempts: number; lastError: string | null } | null;
  history: HistoryEntry[];
}

export interface TargetMember {
  customerId: string;
  score: number;
  rank: number;
}

export interface Notice {
  id: string;
  kind: string;
  subjectType: 'MODEL_REQUEST' | 'TARGET_REQUEST';
  subjectId: string;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
  messenger: { state: string; attempts: number; lastError: string | null } | null;
}

export interface MyRequest {
  id: string;
  kind: 'MODEL_REQUEST' | 'TARGET_REQUEST';
  name: string;
  state: string;
  progress: number | null;
  updatedAt: string;
}

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  messengerId: string | null;
  createdAt: string;
}
