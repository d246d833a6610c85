import { describe, expect, it } from 'vitest';
import { fieldName, parseInput, setAt } from './rule-form';

describe('rule form helpers', () => {
  it('names a field as the server does', () => {
    expect(fieldName(['leadScore', 'bands', 'hot'])).toBe('rules.leadScore.bands.hot');
    expect(fieldName(['stages', 'steps', 3, 'probability'])).toBe('rules.stages.steps.3.probability');
  });

  it('replaces one value by path without touching the original', () => {
    const document = { leadScore: { bands: { hot: 70, warm: 40 } }, steps: [{ p: 10 }, { p: 20 }] };
    const changed = setAt(setAt(document, ['leadScore', 'bands', 'hot'], 75), ['steps', 1, 'p'], 25);
    expect(changed).toEqual({ leadScore: { bands: { hot: 75, warm: 40 } }, steps: [{ p: 10 }, { p: 25 }] });
    expect(document.leadScore.bands.hot).toBe(70);
    expect(document.steps[1]?.p).toBe(20);
  });

  it.each([
    ['number', '75', 75],
    ['number', ' 0.5 ', 0.5],
    ['number', 'abc', Number.NaN],
    ['number', '', Number.NaN],
    ['list', '总经理, VP，董事长 ,', ['总经理', 'VP', '董事长']],
    ['text', 'a, b', 'a, b'],
  ] as const)('reads a %s input %j as %j', (kind, text, value) => {
    expect(parseInput(kind, text)).toEqual(value);
  });
});
