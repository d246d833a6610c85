import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareHlc, encodeHlc, HlcError, HybridLogicalClock, maxHlc, parseHlc } from './hlc';

describe('HLC encoding', () => {
  it('encodes to the wire form of DESIGN §9', () => {
    expect(encodeHlc({ wall: 1732233600000, counter: 7, node: 'dev-1' })).toBe('001732233600000:00007:dev-1');
  });

  it.each([
    ['001732233600000:00007', 'missing node'],
    ['1732233600000:00007:n', 'wall not 15 digits'],
    ['001732233600000:7:n', 'counter not 5 digits'],
    ['001732233600000:00007:bad node', 'node with a space'],
  ])('rejects %s (%s)', (text) => {
    expect(() => parseHlc(text)).toThrow(HlcError);
  });

  it('round-trips', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999_999_999_999 }),
        fc.integer({ min: 0, max: 99_999 }),
        fc.stringMatching(/^[A-Za-z0-9_-]{1,16}$/),
        (wall, counter, node) => {
          expect(parseHlc(encodeHlc({ wall, counter, node }))).toEqual({ wall, counter, node });
        },
      ),
    );
  });

  it('string order equals (wall, counter, node) order', () => {
    const hlc = fc.record({
      wall: fc.integer({ min: 0, max: 999_999_999_999_999 }),
      counter: fc.integer({ min: 0, max: 99_999 }),
      node: fc.stringMatching(/^[a-z0-9]{1,8}$/),
    });
    fc.assert(
      fc.property(hlc, hlc, (a, b) => {
        const tuple = a.wall - b.wall || a.counter - b.counter || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);
        expect(compareHlc(encodeHlc(a), encodeHlc(b))).toBe(Math.sign(tuple));
      }),
    );
  });

  it('maxHlc picks the later stamp', () => {
    expect(maxHlc('000000000000001:00000:a', '000000000000001:00001:a')).toBe('000000000000001:00001:a');
    expect(maxHlc(undefined, '000000000000001:00000:a')).toBe('000000000000001:00000:a');
  });
});

describe('HybridLogicalClock', () => {
  it('is strictly monotonic under a physical clock that jumps back and forth', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2_000_000_000_000 }), { minLength: 1, maxLength: 200 }),
        (times) => {
          let i = 0;
          const clock = new HybridLogicalClock('n1', () => times[Math.min(i++, times.length - 1)] ?? 0);
          let previous = '';
          for (let k = 0; k < times.length; k++) {
            const stamp = clock.now();
            expect(stamp > previous).toBe(true);
            previous = stamp;
          }
        },
      ),
    );
  });

  it('stamps after every received stamp (causality), even from a clock far ahead', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 999_999_999_999 })), { maxLength: 100 }),
        (events) => {
          const clock = new HybridLogicalClock('local', () => 1_000_000);
          let previous = '';
          for (const [isReceive, remoteWall] of events) {
            const remote = encodeHlc({ wall: remoteWall, counter: 3, node: 'remote' });
            const stamp = isReceive ? clock.receive(remote) : clock.now();
            expect(stamp > previous).toBe(true);
            if (isReceive) expect(stamp > remote).toBe(true);
            previous = stamp;
          }
        },
      ),
    );
  });

  it('carries the counter into the wall instead of overflowing', () => {
    const clock = new HybridLogicalClock('n', () => 5, '000000000000005:99999:n');
    expect(clock.now()).toBe('000000000000006:00000:n');
  });

  it('resumes after the last issued stamp when restarted with a clock set back', () => {
    const first = new HybridLogicalClock('n', () => 2_000);
    const stamp = first.now();
    const restarted = new HybridLogicalClock('n', () => 1_000, first.lastIssued);
    expect(restarted.now() > stamp).toBe(true);
  });
});
