/**
 * Client-side checks that mirror the server's (ModelRequestValidator, UserValidator, SPEC §4), so
 * a form says what is wrong before it is sent. The server stays the authority: its
 * VALIDATION_FAILED errors are shown on the field they name as well.
 */
import type { Algorithm, Role } from '../gql/graphql';
import type { MessageKey } from './messages';
import { eucKrByteLength, MIDAS_LMS_MAX_BYTES } from './bytes';

export interface Problem {
  key: MessageKey;
  params?: Record<string, string | number>;
}

export type Problems<F extends string> = Partial<Record<F, Problem>>;

// The schema's enums (generated); the lists give their display order and `satisfies` keeps them inside the enum.
export type { Algorithm, Role } from '../gql/graphql';
export const ALGORITHMS = ['AUTO', 'FAST_TREE', 'LIGHT_GBM', 'LOGISTIC_REGRESSION'] as const satisfies readonly Algorithm[];

export const MODEL_LIMITS = {
  nameMax: 100,
  descriptionMax: 2000,
  fractionMin: 0.05,
  fractionMax: 0.5,
  fractionDefault: 0.2,
} as const;

export interface DatasetInfo {
  name: string;
  labels: readonly string[];
  columns: readonly { name: string; type: string }[];
}

export interface ModelFormValues {
  name: string;
  description: string;
  dataset: string;
  label: string;
  features: readonly string[];
  algorithm: string;
  /** As typed: the input is text so a half-typed number can be reported rather than lost. */
  validationFraction: string;
}

export type ModelField = 'name' | 'description' | 'dataset' | 'label' | 'features' | 'algorithm' | 'validationFraction';
export const MODEL_FIELDS: readonly ModelField[] = [
  'name',
  'description',
  'dataset',
  'label',
  'features',
  'algorithm',
  'validationFraction',
];

export function parseDecimal(text: string): number {
  const trimmed = text.trim().replace(',', '.');
  return trimmed === '' || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(trimmed) ? Number.NaN : Number(trimmed);
}

export function validateModelForm(values: ModelFormValues, datasets: readonly DatasetInfo[]): Problems<ModelField> {
  const problems: Problems<ModelField> = {};
  const name = values.name.trim();
  if (name.length === 0 || name.length > MODEL_LIMITS.nameMax) {
    problems.name = { key: 'validation.nameLength', params: { max: MODEL_LIMITS.nameMax } };
  }
  if (values.description.trim().length > MODEL_LIMITS.descriptionMax) {
    problems.description = { key: 'validation.descriptionLength', params: { max: MODEL_LIMITS.descriptionMax } };
  }
  const dataset = datasets.find((d) => d.name === values.dataset);
  if (!dataset) {
    problems.dataset = { key: 'validation.datasetRequired' };
  } else if (!dataset.labels.includes(values.label)) {
    problems.label = { key: 'validation.labelRequired' };
  }
  if (values.features.length === 0) {
    problems.features = { key: 'validation.featuresRequired' };
  } else if (values.label && values.features.includes(values.label)) {
    problems.features = { key: 'validation.featureIsLabel', params: { label: values.label } };
  } else if (new Set(values.features).size !== values.features.length) {
    problems.features = { key: 'validation.featureTwice' };
  } else if (dataset) {
    const columns = new Set(dataset.columns.map((c) => c.name));
    const unknown = values.features.filter((f) => !columns.has(f));
    if (unknown.length > 0) problems.features = { key: 'validation.featureUnknown', params: { names: unknown.join(', ') } };
  }
  if (!(ALGORITHMS as readonly string[]).includes(values.algorithm)) {
    problems.algorithm = { key: 'validation.algorithmRequired' };
  }
  const fraction = parseDecimal(values.validationFraction);
  if (Number.isNaN(fraction) || fraction < MODEL_LIMITS.fractionMin || fraction > MODEL_LIMITS.fractionMax) {
    problems.validationFraction = {
      key: 'validation.fractionRange',
      params: { min: MODEL_LIMITS.fractionMin, max: MODEL_LIMITS.fractionMax },
    };
  }
  return problems;
}

export const TARGET_LIMITS = { nameMax: 100, topNMax: 1_000_000, messageMaxBytes: MIDAS_LMS_MAX_BYTES } as const;

export interface TargetFormValues {
  modelRequestId: string;
  name: string;
  topN: string;
  minScore: string;
  message: string;
}

export type TargetField = 'modelRequestId' | 'name' | 'topN' | 'minScore' | 'message';
export const TARGET_FIELDS: readonly TargetField[] = ['modelRequestId', 'name', 'topN', 'minScore', 'message'];

export function validateTargetForm(values: TargetFormValues): Problems<TargetField> {
  const problems: Problems<TargetField> = {};
  if (!values.modelRequestId) problems.modelRequestId = { key: 'validation.modelRequired' };
  const name = values.name.trim();
  if (name.length === 0 || name.length > TARGET_LIMITS.nameMax) {
    problems.name = { key: 'validation.nameLength', params: { max: TARGET_LIMITS.nameMax } };
  }
  const topNText = values.topN.trim();
  const minScoreText = values.minScore.trim();
  if (topNText === '' && minScoreText === '') {
    problems.topN = { key: 'validation.criteriaRequired' };
  }
  if (topNText !== '') {
    const topN = Number(topNText);
    if (!/^\d+$/.test(topNText) || topN < 1 || topN > TARGET_LIMITS.topNMax) {
      problems.topN = { key: 'validation.topNRange', params: { max: TARGET_LIMITS.topNMax.toLocaleString('en-US') } };
    }
  }
  if (minScoreText !== '') {
    const minScore = parseDecimal(minScoreText);
    if (Number.isNaN(minScore) || minScore < 0 || minScore > 1) problems.minScore = { key: 'validation.minScoreRange' };
  }
  const { bytes, unsupported } = eucKrByteLength(values.message);
  if (values.message.trim().length === 0) {
    problems.message = { key: 'validation.messageRequired' };
  } else if (unsupported.length > 0) {
    problems.message = { key: 'validation.messageUnsupported', params: { chars: unsupported.join(' ') } };
  } else if (bytes > TARGET_LIMITS.messageMaxBytes) {
    problems.message = { key: 'validation.messageTooLong', params: { bytes, max: TARGET_LIMITS.messageMaxBytes } };
  }
  return problems;
}

export const ROLES = ['USER', 'APPROVER', 'ADMIN'] as const satisfies readonly Role[];

export const USER_LIMITS = {
  usernameMin: 3,
  usernameMax: 32,
  displayNameMax: 100,
  passwordMin: 8,
  passwordMax: 128,
  messengerIdMax: 200,
} as const;

export interface UserFormValues {
  username: string;
  displayName: string;
  password: string;
  roles: readonly Role[];
  messengerId: string;
}

export type UserField = 'username' | 'displayName' | 'password' | 'roles' | 'messengerId';
export const USER_FIELDS: readonly UserField[] = ['username', 'displayName', 'password', 'roles', 'messengerId'];

export function validateUserForm(values: UserFormValues): Problems<UserField> {
  const problems: Problems<UserField> = {};
  const username = values.username.trim().toLowerCase();
  if (username.length < USER_LIMITS.usernameMin || username.length > USER_LIMITS.usernameMax || !/^[a-z0-9._-]+$/.test(username)) {
    problems.username = { key: 'validation.username', params: { min: USER_LIMITS.usernameMin, max: USER_LIMITS.usernameMax } };
  }
  const displayName = values.displayName.trim();
  if (displayName.length === 0 || displayName.length > USER_LIMITS.displayNameMax) {
    problems.displayName = { key: 'validation.nameLength', params: { max: USER_LIMITS.displayNameMax } };
  }
  if (values.password.length < USER_LIMITS.passwordMin || values.password.length > USER_LIMITS.passwordMax) {
    problems.password = { key: 'validation.password', params: { min: USER_LIMITS.passwordMin, max: USER_LIMITS.passwordMax } };
  }
  if (values.roles.length === 0) problems.roles = { key: 'validation.rolesRequired' };
  if (values.messengerId.trim().length > USER_LIMITS.messengerIdMax) {
    problems.messengerId = { key: 'validation.messengerId', params: { max: USER_LIMITS.messengerIdMax } };
  }
  return problems;
}

export function hasProblems(problems: Record<string, unknown>): boolean {
  return Object.keys(problems).length > 0;
}
