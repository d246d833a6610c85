import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Card } from '../store/card';
import { storedRecord } from '../store/local-change';
import { newAccountFields, newActivityFields } from '../store/new-records';
import { CardView } from './CardView';

const HOSTILE = '<img src=x onerror="alert(1)">';
const g = globalThis as unknown as { document?: Document };
let saved: Document | undefined;
beforeEach(() => {
  saved = g.document;
  g.document = parseHTML('<!doctype html><html><body><div id="app"></div></body></html>').document;
});
afterEach(() => {
  g.document = saved;
});

function card(): Card {
  const accountId = '01935240-5400-7000-8000-000000000001';
  const account = storedRecord(
    'account',
    accountId,
    {
      ...newAccountFields({ name: `${HOSTILE} 有限公司` }),
      owner: 'li',
      grades: {
        score: {
          value: 72,
          band: 'hot',
          lines: [
            { rule: 'title', field: 'title', points: 15, text: '采购经理：决策层 +15' },
            { rule: 'x', field: 'summary', points: -5, text: `<b>${HOSTILE}</b>` },
            {
              rule: 'fit.title',
              field: 'title',
              points: 0,
              text: 'No senior title among the contacts: +0',
              key: 'scoring.fit.title.none',
              params: {},
            },
          ],
        },
        qualification: 'A',
        rfm: null,
        pyramid: null,
        abc: null,
        keyAccount: { value: false, reasons: [] },
        credit: null,
        loyalty: null,
        churnRisk: { value: false, reasons: [] },
        ruleVersion: 1,
      },
    },
    '2026-11-22T00:00:00Z',
  );
  const visit = storedRecord(
    'activity',
    '01935240-5400-7000-8000-000000000002',
    newActivityFields({ accountId, type: 'visit', at: '2026-11-20T10:00:00+08:00', by: 'li', summary: HOSTILE }),
    '2026-11-22T00:00:00Z',
  );
  return {
    account,
    contacts: [],
    activities: [visit],
    opportunities: [],
    complaints: [],
    surveys: [],
    nextMeeting: { activityId: visit.id, at: '2026-12-01T06:00:00Z', place: '苏州工业园区', purpose: HOSTILE },
  };
}

describe('CardView', () => {
  it('shows captured text as text, never as HTML, with the score and why', () => {
    const root = g.document?.getElementById('app') as unknown as Element;
    render(<CardView card={card()} locale="zh-CN" me="li" />, root);
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('b')).toBeNull();
    expect(root.textContent).toContain(HOSTILE);
    expect(root.querySelector('[data-testid=score]')?.textContent).toContain('评分 72');
    expect(root.querySelector('[data-testid=score-lines]')?.textContent).toContain('+15 采购经理：决策层 +15');
    // The server's English line is shown in the rep's language from its key.
    expect(root.querySelector('[data-testid=score-lines]')?.textContent).toContain('联系人中没有高层职位');
    expect(root.querySelector('[data-testid=score-lines]')?.textContent).not.toContain('No senior title');
    expect(root.textContent).toContain('甲类');
    expect(root.textContent).toContain('我的客户');
  });
});
