import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../../shared/hlc/hlc';
import { canonicalJson, emptyState, isDeleted, mergeDelete, mergeUpsert, type RecordState } from './merge';

const h = (ms: number, node = 'a') => encodeHlc({ wall: ms, counter: 0, node });

type Op = { kind: 'upsert'; hlc: string; fields: Record<string, unknown> } | { kind: 'delete'; hlc: string };
const apply = (state: RecordState, op: Op) =>
  (op.kind === 'upsert' ? mergeUpsert(state, op.hlc, op.fields) : mergeDelete(state, op.hlc)) ?? state;

describe('per-field last-writer-wins', () => {
  it.each<[string, Op[], Record<string, unknown>, boolean]>([
    [
      'a later write wins',
      [
        { kind: 'upsert', hlc: h(1), fields: { name: '腾达' } },
        { kind: 'upsert', hlc: h(2), fields: { name: '腾达科技' } },
      ],
      { name: '腾达科技' },
      false,
    ],
    [
      'an older write arriving late loses',
      [
        { kind: 'upsert', hlc: h(2), fields: { name: 'new' } },
        { kind: 'upsert', hlc: h(1), fields: { name: 'old' } },
      ],
      { name: 'new' },
      false,
    ],
    [
      'fields merge independently',
      [
        { kind: 'upsert', hlc: h(2), fields: { name: 'n' } },
        { kind: 'upsert', hlc: h(1), fields: { region: '广东' } },
      ],
      { name: 'n', region: '广东' },
      false,
    ],
    [
      'a delete wins over older writes',
      [
        { kind: 'upsert', hlc: h(1), fields: { name: 'n' } },
        { kind: 'delete', hlc: h(2) },
      ],
      {},
      true,
    ],
    [
      'a delete loses to a newer write',
      [
        { kind: 'delete', hlc: h(2) },
        { kind: 'upsert', hlc: h(3), fields: { name: 'back' } },
      ],
      { name: 'back' },
      false,
    ],
    [
      'a write older than the tombstone stays dead',
      [
        { kind: 'delete', hlc: h(2) },
        { kind: 'upsert', hlc: h(1), fields: { name: 'x' } },
      ],
      {},
      true,
    ],
    [
      'a delete keeps fields written after it',
      [
        { kind: 'upsert', hlc: h(3), fields: { name: 'kept' } },
        { kind: 'upsert', hlc: h(1), fields: { region: 'gone' } },
        { kind: 'delete', hlc: h(2) },
      ],
      { name: 'kept' },
      false,
    ],
    [
      'equal clocks break ties by value',
      [
        { kind: 'upsert', hlc: h(1), fields: { name: 'b' } },
        { kind: 'upsert', hlc: h(1), fields: { name: 'a' } },
      ],
      { name: 'b' },
      false,
    ],
    [
      'a delete wins an equal-clock tie',
      [
        { kind: 'upsert', hlc: h(1), fields: { name: 'b' } },
        { kind: 'delete', hlc: h(1) },
      ],
      {},
      true,
    ],
  ])('%s', (_, ops, fields, deleted) => {
    const state = ops.reduce(apply, emptyState());
    expect(state.fields).toEqual(fields);
    expect(isDeleted(state)).toBe(deleted);
  });

  it('reports no change for a replay', () => {
    const once = mergeUpsert(emptyState(), h(1), { name: 'n' });
    expect(once).not.toBeNull();
    expect(mergeUpsert(once as RecordState, h(1), { name: 'n' })).toBeNull();
    const deleted = mergeDelete(once as RecordState, h(2)) as RecordState;
    expect(mergeDelete(deleted, h(2))).toBeNull();
  });

  it('compares values as canonical JSON whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(canonicalJson({ a: [{ c: 3, d: 2 }], b: 1 }));
  });

  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({
      kind: fc.constant('upsert' as const),
      hlc: fc.tuple(fc.integer({ min: 1, max: 20 }), fc.constantFrom('a', 'b', 'c')).map(([ms, n]) => h(ms, n)),
      fields: fc.dictionary(
        fc.constantFrom('name', 'region', 'tags'),
        fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
        {
          minKeys: 1,
        },
      ),
    }),
    fc.record({
      kind: fc.constant('delete' as const),
      hlc: fc.tuple(fc.integer({ min: 1, max: 20 }), fc.constantFrom('a', 'b', 'c')).map(([ms, n]) => h(ms, n)),
    }),
  );

  it('converges whatever the order and however often mutations arrive', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), fc.infiniteStream(fc.nat()), (ops, picks) => {
        const inOrder = ops.reduce(apply, emptyState());
        // Shuffle and duplicate: apply a random permutation of the ops, each once or twice.
        const shuffled = [...ops, ...ops.filter((_, i) => i % 2 === 0)];
        const it = picks[Symbol.iterator]();
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = (it.next().value as number) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j] as Op, shuffled[i] as Op];
        }
        const other = shuffled.reduce(apply, emptyState());
        expect(canonicalJson(other)).toBe(canonicalJson(inOrder));
      }),
      { numRuns: 300 },
    );
  });
});
