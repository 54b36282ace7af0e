import { describe, expect, it } from 'vitest';
import { fieldErrors, formLevelErrors, isNotAvailable, isTransient, toAppErrors } from '../errors';

describe('toAppErrors', () => {
  it('keeps code, message, field and current state from extensions', () => {
    const errors = toAppErrors({
      graphQLErrors: [
        { message: 'Choose at least one feature.', extensions: { code: 'VALIDATION_FAILED', field: 'features' } },
        {
          message: 'Cannot approve a ModelRequest that is TRAINING.',
          extensions: { code: 'INVALID_STATE_TRANSITION', currentState: 'TRAINING' },
        },
      ],
    });
    expect(errors).toEqual([
      { code: 'VALIDATION_FAILED', message: 'Choose at least one feature.', field: 'features', currentState: undefined },
      {
        code: 'INVALID_STATE_TRANSITION',
        message: 'Cannot approve a ModelRequest that is TRAINING.',
        field: undefined,
        currentState: 'TRAINING',
      },
    ]);
  });

  it('turns a transport failure into NETWORK_ERROR', () => {
    expect(toAppErrors({ graphQLErrors: [], networkError: new Error('Failed to fetch') })).toEqual([
      { code: 'NETWORK_ERROR', message: 'Failed to fetch' },
    ]);
  });

  it('gives errors without a code the code UNKNOWN', () => {
    expect(toAppErrors({ graphQLErrors: [{ message: 'boom' }] })[0].code).toBe('UNKNOWN');
    expect(toAppErrors({ graphQLErrors: [], message: 'odd' })).toEqual([{ code: 'UNKNOWN', message: 'odd' }]);
  });

  it('is empty without an error', () => {
    expect(toAppErrors(null)).toEqual([]);
  });
});

describe('error mapping helpers', () => {
  const validation = [
    { code: 'VALIDATION_FAILED', message: 'first', field: 'name' },
    { code: 'VALIDATION_FAILED', message: 'second', field: 'name' },
    { code: 'VALIDATION_FAILED', message: 'odd field', field: 'somethingElse' },
    { code: 'FORBIDDEN', message: 'no' },
  ];

  it('puts VALIDATION_FAILED on the field it names, first message wins', () => {
    expect(fieldErrors(validation)).toEqual({ name: 'first', somethingElse: 'odd field' });
  });

  it('leaves everything the form cannot show on a field for the form itself', () => {
    expect(formLevelErrors(validation, ['name']).map((e) => e.message)).toEqual(['odd field', 'no']);
  });

  it('reads a missing schema field as "not available yet"', () => {
    expect(isNotAvailable([{ code: 'GRAPHQL_VALIDATION_FAILED', message: 'Cannot query field "notices" on type "Query".' }])).toBe(true);
    expect(isNotAvailable([{ code: 'FORBIDDEN', message: 'no' }])).toBe(false);
    expect(isNotAvailable([])).toBe(false);
  });

  it('retries only failures that pass on their own', () => {
    expect(
      isTransient([
        { code: 'SUBGRAPH_UNAVAILABLE', message: 'x' },
        { code: 'NETWORK_ERROR', message: 'y' },
      ]),
    ).toBe(true);
    expect(
      isTransient([
        { code: 'SUBGRAPH_UNAVAILABLE', message: 'x' },
        { code: 'FORBIDDEN', message: 'y' },
      ]),
    ).toBe(false);
    expect(isTransient([])).toBe(false);
  });
});
