import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/id/uuidv7';
import { createdAtOf } from './created-at';

describe('createdAtOf', () => {
  it('reads the creation time back from a UUIDv7', () => {
    const ms = Date.UTC(2026, 10, 22, 9, 30);
    expect(createdAtOf(uuidv7(ms, (n) => new Uint8Array(n)))).toBe(ms);
  });
  it.each(['not-an-id', '0d5b8c1e-7c2a-4f1e-9f3a-2b1c0d9e8f7a'])('is null for %s (not a UUIDv7)', (id) => {
    expect(createdAtOf(id)).toBeNull();
  });
});
