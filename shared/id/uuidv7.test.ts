import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UUIDV7_PATTERN, uuidv7 } from './uuidv7';

const bytesFrom = (seed: number[]) => (length: number) =>
  Uint8Array.from({ length }, (_, i) => seed[i % seed.length] ?? 0);

describe('uuidv7', () => {
  it('has the version and variant bits', () => {
    expect(uuidv7(1732233600000, bytesFrom([255]))).toMatch(UUIDV7_PATTERN);
    // 1732233600000 ms = 0x0193512b1c00
    expect(uuidv7(1732233600000, bytesFrom([0])).slice(0, 13)).toBe('0193512b-1c00');
  });

  it('sorts by time as a string', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 47 }),
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 10 }),
        fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 10 }),
        (t, dt, r1, r2) => {
          expect(uuidv7(t, bytesFrom(r1)) < uuidv7(t + dt, bytesFrom(r2))).toBe(true);
        },
      ),
    );
  });
});
