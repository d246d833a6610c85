import { describe, expect, it } from 'vitest';
import type { ParsedEmail } from '../capture/mail/parsed-email';
import { candidateOf, formOf, mailCandidate } from './clip-form';

const parsed = (overrides: Partial<ParsedEmail> = {}): ParsedEmail => ({
  from: { name: 'Priya Natarajan', address: 'Priya@Brightline.example' },
  to: [],
  cc: [],
  subject: 'NDA',
  date: null,
  messageId: null,
  body: 'Hello',
  quoted: false,
  signature: null,
  ...overrides,
});

describe('the clip form', () => {
  it('falls back to the From header when the mail has no signature', () => {
    expect(mailCandidate(parsed())).toMatchObject({
      name: 'Priya Natarajan',
      emails: ['priya@brightline.example'],
      kind: 'person',
      evidence: { name: ['email-header'], emails: ['email-header'] },
    });
    expect(mailCandidate(parsed({ from: { name: 'x@y.example', address: 'x@y.example' } })).name).toBeNull();
  });

  it('reads the edited fields back: phones to E.164, lists split on commas (also Chinese ones)', () => {
    const base = mailCandidate(parsed());
    const form = { ...formOf(base), org: 'Brightline', phones: '138 0013 8000， 0755-8888 6666 转 801' };
    const { candidate, problems } = candidateOf(form, base);
    expect(problems).toEqual([]);
    // The form shows E.164 with extensions as the mail core gives them; they read back unchanged.
    const shown = { ...form, phones: '+8613800138000, +8675588886666;ext=801; 021 6888 0000' };
    expect(candidateOf(shown, base).candidate?.phones).toEqual([
      '+8613800138000',
      '+8675588886666;ext=801',
      '+862168880000',
    ]);
    expect(candidate).toMatchObject({
      name: 'Priya Natarajan',
      org: 'Brightline',
      phones: ['+8613800138000', '+8675588886666;ext=801'],
      emails: ['priya@brightline.example'],
    });
  });

  it('names what it cannot read, and refuses a lead with neither name nor email', () => {
    const base = mailCandidate(parsed());
    expect(candidateOf({ ...formOf(base), phones: 'call me' }, base)).toEqual({
      candidate: null,
      problems: [{ kind: 'badPhone', value: 'call me' }],
    });
    expect(candidateOf({ ...formOf(base), name: ' ', emails: '' }, base).problems).toEqual([{ kind: 'noName' }]);
  });
});
