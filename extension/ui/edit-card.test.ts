import { describe, expect, it } from 'vitest';
import { changedFields } from './EditCardForm';

describe('changedFields', () => {
  it.each([
    [{ region: '上海', industry: null }, { region: '上海', industry: '' }, {}],
    [{ region: '上海' }, { region: ' 苏州 ' }, { region: '苏州' }],
    [{ region: '上海' }, { region: '' }, { region: null }],
    [{ name: 'Acme' }, { name: 'Acme Ltd' }, { name: 'Acme Ltd' }],
    [{ status: 'lead' }, { status: 'customer' }, { status: 'customer' }],
  ])('%o edited to %o → %o', (current, edited, patch) => {
    expect(changedFields(current, edited)).toEqual(patch);
  });
});
