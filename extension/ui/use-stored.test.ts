import { describe, expect, it } from 'vitest';
import { touchesTables } from './use-stored';

describe('touchesTables', () => {
  const parts = { 'idb://leadcard/meta/': true, 'idb://leadcard/meta/:dels': true };
  it('matches a write to a watched table of the same database only', () => {
    expect(touchesTables(parts, 'leadcard', ['meta'])).toBe(true);
    expect(touchesTables(parts, 'leadcard', ['accounts', 'meta'])).toBe(true);
    expect(touchesTables(parts, 'leadcard', ['accounts'])).toBe(false);
    expect(touchesTables(parts, 'leadcard-other', ['meta'])).toBe(false);
    // A table whose name starts like a watched one is another table.
    expect(touchesTables({ 'idb://leadcard/metadata/': true }, 'leadcard', ['meta'])).toBe(false);
  });
});
