import { describe, expect, it } from 'vitest';
import { canClaim } from './can-claim';
import { DEFAULT_RULES } from './default-rules';
import { lapsedAccounts, lapsesAt, type OwnedAccount } from './lapsed-accounts';
import { daysAgo, NOW } from './test-support';

const owned = (overrides: Partial<OwnedAccount>): OwnedAccount => ({
  id: 'a1',
  owner: 'zhangsan',
  status: 'lead',
  lockedOwner: false,
  lastOwnerActivityAt: null,
  ownerSince: daysAgo(200),
  ...overrides,
});

describe('ownership lapse to the public pool (公海)', () => {
  it.each<[string, Partial<OwnedAccount>, string | null]>([
    ['a lead followed up 29 days ago stays', { lastOwnerActivityAt: daysAgo(29) }, null],
    ['a lead without follow-up for 30 days lapses', { lastOwnerActivityAt: daysAgo(30) }, 'lead-no-follow-up'],
    ['a customer followed up 60 days ago stays', { status: 'customer', lastOwnerActivityAt: daysAgo(60) }, null],
    [
      'a customer without follow-up for 90 days lapses',
      { status: 'customer', lastOwnerActivityAt: daysAgo(90) },
      'customer-no-follow-up',
    ],
    [
      'a lost account being won back follows the lead rule',
      { status: 'lost', lastOwnerActivityAt: daysAgo(45) },
      'lead-no-follow-up',
    ],
    ['a locked account never lapses', { lockedOwner: true, lastOwnerActivityAt: daysAgo(365) }, null],
    ['an unowned account is already in the pool', { owner: null }, null],
    ['a claim 10 days ago without follow-up stays', { ownerSince: daysAgo(10) }, null],
    ['a claim 31 days ago without follow-up lapses', { ownerSince: daysAgo(31) }, 'lead-no-follow-up'],
    [
      'a follow-up before a re-claim does not count',
      { lastOwnerActivityAt: daysAgo(100), ownerSince: daysAgo(5) },
      null,
    ],
  ])('%s', (_, overrides, reason) => {
    const lapses = lapsedAccounts([owned(overrides)], DEFAULT_RULES, NOW);
    expect(lapses.map((l) => l.reason)).toEqual(reason ? [reason] : []);
  });

  it('says who loses it and after how long', () => {
    expect(lapsedAccounts([owned({ lastOwnerActivityAt: daysAgo(45) })], DEFAULT_RULES, NOW)).toEqual([
      { id: 'a1', owner: 'zhangsan', reason: 'lead-no-follow-up', days: 45, limitDays: 30 },
    ]);
  });

  it('dates the lapse for the card', () => {
    expect(lapsesAt(owned({ lastOwnerActivityAt: '2026-11-01T00:00:00Z' }), DEFAULT_RULES)).toBe(
      '2026-12-01T00:00:00.000Z',
    );
    expect(lapsesAt(owned({ lockedOwner: true }), DEFAULT_RULES)).toBeNull();
  });
});

describe('claiming from the pool', () => {
  it.each([
    [0, true],
    [499, true],
    [500, false],
  ])('a rep with %i owned leads may claim: %s', (count, allowed) => {
    expect(canClaim(count, DEFAULT_RULES).allowed).toBe(allowed);
  });

  it('says why a claim is refused', () => {
    expect(canClaim(500, DEFAULT_RULES)).toEqual({ allowed: false, reason: 'lead-cap', limit: 500, owned: 500 });
  });
});
