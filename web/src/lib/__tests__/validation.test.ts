import { describe, expect, it } from 'vitest';
import {
  parseDecimal,
  validateModelForm,
  validateTargetForm,
  validateUserForm,
  type DatasetInfo,
  type ModelFormValues,
  type TargetFormValues,
  type UserFormValues,
} from '../validation';

const telco: DatasetInfo = {
  name: 'telco_churn',
  labels: ['churned'],
  columns: [
    { name: 'tenure_months', type: 'NUMERIC' },
    { name: 'contract_type', type: 'CATEGORICAL' },
    { name: 'churned', type: 'BOOLEAN' },
  ],
};

const valid: ModelFormValues = {
  name: 'Churn Q4',
  description: '',
  dataset: 'telco_churn',
  label: 'churned',
  features: ['tenure_months', 'contract_type'],
  algorithm: 'FAST_TREE',
  validationFraction: '0.2',
};

const check = (patch: Partial<ModelFormValues>) => validateModelForm({ ...valid, ...patch }, [telco]);

describe('validateModelForm mirrors the server rules', () => {
  it('accepts a complete request', () => {
    expect(check({})).toEqual({});
  });

  it('wants a name of 1–100 characters after trimming', () => {
    expect(check({ name: '   ' }).name?.key).toBe('validation.nameLength');
    expect(check({ name: 'x'.repeat(100) }).name).toBeUndefined();
    expect(check({ name: 'x'.repeat(101) }).name?.params).toEqual({ max: 100 });
    expect(check({ name: `  ${'x'.repeat(100)}  ` }).name).toBeUndefined();
  });

  it('wants a known dataset and one of its labels', () => {
    expect(check({ dataset: '' }).dataset?.key).toBe('validation.datasetRequired');
    expect(check({ dataset: 'nope' }).dataset).toBeDefined();
    expect(check({ label: 'responded' }).label?.key).toBe('validation.labelRequired');
  });

  it('wants at least one feature, never the label, no duplicates, only known columns', () => {
    expect(check({ features: [] }).features?.key).toBe('validation.featuresRequired');
    expect(check({ features: ['tenure_months', 'churned'] }).features).toEqual({
      key: 'validation.featureIsLabel',
      params: { label: 'churned' },
    });
    expect(check({ features: ['tenure_months', 'tenure_months'] }).features?.key).toBe('validation.featureTwice');
    expect(check({ features: ['shoe_size'] }).features).toEqual({ key: 'validation.featureUnknown', params: { names: 'shoe_size' } });
  });

  it('wants a known algorithm', () => {
    expect(check({ algorithm: 'DEEP_MAGIC' }).algorithm?.key).toBe('validation.algorithmRequired');
  });

  it('wants a validation fraction from 0.05 to 0.5 inclusive', () => {
    expect(check({ validationFraction: '0.05' }).validationFraction).toBeUndefined();
    expect(check({ validationFraction: '0.5' }).validationFraction).toBeUndefined();
    expect(check({ validationFraction: '0,3' }).validationFraction).toBeUndefined();
    for (const bad of ['0.04', '0.51', '', 'abc', '0.2.1', '1e-1x']) {
      expect(check({ validationFraction: bad }).validationFraction?.key, bad).toBe('validation.fractionRange');
    }
  });

  it('limits the description to 2,000 characters', () => {
    expect(check({ description: 'd'.repeat(2000) }).description).toBeUndefined();
    expect(check({ description: 'd'.repeat(2001) }).description?.key).toBe('validation.descriptionLength');
  });
});

describe('parseDecimal', () => {
  it('reads plain decimals and a decimal comma, nothing else', () => {
    expect(parseDecimal(' 0.25 ')).toBe(0.25);
    expect(parseDecimal('.5')).toBe(0.5);
    expect(parseDecimal('0,3')).toBe(0.3);
    expect(parseDecimal('')).toBeNaN();
    expect(parseDecimal('0x1')).toBeNaN();
    expect(parseDecimal('Infinity')).toBeNaN();
  });
});

describe('validateTargetForm', () => {
  const target: TargetFormValues = { modelRequestId: 'm1', name: 'VIP churn', topN: '1000', minScore: '', message: '안녕하세요' };
  const checkTarget = (patch: Partial<TargetFormValues>) => validateTargetForm({ ...target, ...patch });

  it('accepts top N alone, a minimum score alone, or both', () => {
    expect(checkTarget({})).toEqual({});
    expect(checkTarget({ topN: '', minScore: '0.7' })).toEqual({});
    expect(checkTarget({ minScore: '0.7' })).toEqual({});
  });

  it('wants a criterion, a whole positive top N and a score within 0..1', () => {
    expect(checkTarget({ topN: '', minScore: '' }).topN?.key).toBe('validation.criteriaRequired');
    expect(checkTarget({ topN: '0' }).topN?.key).toBe('validation.topNRange');
    expect(checkTarget({ topN: '12.5' }).topN?.key).toBe('validation.topNRange');
    expect(checkTarget({ topN: '1000000' }).topN).toBeUndefined();
    expect(checkTarget({ topN: '1000001' }).topN?.key).toBe('validation.topNRange');
    expect(checkTarget({ minScore: '1.2' }).minScore?.key).toBe('validation.minScoreRange');
    expect(checkTarget({ minScore: '-0.1' }).minScore?.key).toBe('validation.minScoreRange');
  });

  it('wants a model and a name', () => {
    expect(checkTarget({ modelRequestId: '' }).modelRequestId?.key).toBe('validation.modelRequired');
    expect(checkTarget({ name: '' }).name?.key).toBe('validation.nameLength');
  });

  it('measures the message in EUC-KR bytes against the MIDAS limit', () => {
    expect(checkTarget({ message: '  ' }).message?.key).toBe('validation.messageRequired');
    expect(checkTarget({ message: '쿠폰 도착 🎁' }).message).toEqual({ key: 'validation.messageUnsupported', params: { chars: '🎁' } });
    expect(checkTarget({ message: '가'.repeat(1000) }).message).toBeUndefined();
    expect(checkTarget({ message: '가'.repeat(1000) + '!' }).message).toEqual({
      key: 'validation.messageTooLong',
      params: { bytes: 2001, max: 2000 },
    });
  });
});

describe('validateUserForm mirrors UserValidator', () => {
  const user: UserFormValues = {
    username: 'new.analyst',
    displayName: 'New Analyst',
    password: 'long-enough',
    roles: ['USER'],
    messengerId: '',
  };
  const checkUser = (patch: Partial<UserFormValues>) => validateUserForm({ ...user, ...patch });

  it('accepts a valid user; the username is compared in lower case', () => {
    expect(checkUser({})).toEqual({});
    expect(checkUser({ username: 'New.Analyst' })).toEqual({});
  });

  it('rejects malformed usernames, short passwords, no roles, long messenger ids', () => {
    expect(checkUser({ username: 'ab' }).username).toBeDefined();
    expect(checkUser({ username: 'has space' }).username).toBeDefined();
    expect(checkUser({ username: 'x'.repeat(33) }).username).toBeDefined();
    expect(checkUser({ password: 'short' }).password).toBeDefined();
    expect(checkUser({ roles: [] }).roles?.key).toBe('validation.rolesRequired');
    expect(checkUser({ messengerId: 'm'.repeat(201) }).messengerId).toBeDefined();
    expect(checkUser({ displayName: ' ' }).displayName).toBeDefined();
  });
});
