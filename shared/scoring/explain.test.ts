import { describe, expect, it } from 'vitest';
import { catalogFor } from '../i18n';
import { explainLine, line, reasonText } from './explain';

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('explanation lines', () => {
  it('render in English and re-render in the rep’s language', () => {
    const l = line('leadScore.fit.size', 'employees', 8, 'scoring.fit.size', { employees: 320, min: 200, points: 8 });
    expect(l.text).toBe('320 employees (≥ 200): +8');
    expect(explainLine(l, 'zh-CN')).toBe('员工 320 人（≥ 200）：+8');
    expect(explainLine(l, 'en')).toBe(l.text);
  });

  it('fall back to the stored text for a line without a key', () => {
    expect(explainLine({ text: 'Imported score' }, 'zh-CN')).toBe('Imported score');
  });

  it('label reason codes', () => {
    expect(reasonText('keyAccount', 'strategic', 'zh-CN')).toBe('战略客户');
    expect(reasonText('churnRisk', 'complaints-rising', 'en')).toBe('Complaints rising');
  });

  it('have a zh-CN twin with the same placeholders for every English text', () => {
    const en = catalogFor('en');
    const zh = catalogFor('zh-CN');
    for (const key of Object.keys(en).filter((k) => k.startsWith('scoring.')) as (keyof typeof en)[]) {
      expect(zh[key], key).toBeTruthy();
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
    }
  });
});
