import { describe, expect, it } from 'vitest';
import { InvalidChangeError } from '../store/local-change';
import { localSave } from './local-save';

describe('localSave', () => {
  it.each([
    ['en', 'Complaint recorded.'],
    ['zh-CN', '投诉已记录。'],
  ] as const)('words a written record as saved (%s)', async (locale, message) => {
    let written = 0;
    const outcome = await localSave(locale, async () => written++, 'extension2.complaint.saved');
    expect(outcome).toEqual({ saved: true, message });
    expect(written).toBe(1);
  });

  it('words the store’s refusal with the field it names, and reports nothing saved', async () => {
    const outcome = await localSave(
      'en',
      async () => {
        throw new InvalidChangeError('summary', 'must not be empty');
      },
      'extension2.complaint.saved',
    );
    expect(outcome).toEqual({ saved: false, message: 'Not saved: summary: must not be empty' });
  });

  it('lets any other failure through (a bug, not a refusal)', async () => {
    const write = async () => {
      throw new TypeError('db closed');
    };
    await expect(localSave('en', write, 'extension2.survey.saved')).rejects.toThrow('db closed');
  });
});
