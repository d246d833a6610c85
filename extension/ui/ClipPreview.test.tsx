import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Candidate } from '../../shared/schema/candidate';
import type { OwnershipCheck } from '../clip/ownership-check';
import type { PageCapture } from '../clip/page-capture';
import { clipInterests } from '../clip/save-clip';
import type { LeadcardDb } from '../store/db';
import { openTestDb, testEnv } from '../store/test-db';
import { ClipPreview } from './ClipPreview';

const HOSTILE = '<img src=x onerror="alert(1)">';
const g = globalThis as unknown as { document?: Document; window?: unknown; Event?: unknown };
let saved: { document?: Document; Event?: unknown };
let root: Element;
let db: LeadcardDb;
let n = 0;
beforeEach(() => {
  saved = { document: g.document, Event: g.Event };
  const dom = parseHTML('<!doctype html><html><body><div id="app"></div></body></html>');
  g.document = dom.document;
  root = dom.document.getElementById('app')!;
  db = openTestDb(`clip-preview-${n++}`);
});
afterEach(() => {
  render(null, root);
  g.document = saved.document;
});

const person = (name: string, email: string): Candidate => ({
  name,
  title: '采购总监',
  org: '深圳恒泰科技',
  emails: [email],
  phones: [],
  website: null,
  address: null,
  kind: 'person',
  evidence: {},
});
const capture = (contacts: Candidate[]): PageCapture => ({
  url: 'https://www.hengtai-tech.cn/team',
  title: `团队 ${HOSTILE}`,
  extraction: { contacts, organisation: null },
  selection: null,
  vcardLinks: 0,
});

async function until(test: () => boolean, what: string) {
  for (let i = 0; i < 200 && !test(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!test()) throw new Error(`timed out waiting for ${what}: ${root.innerHTML}`);
}

function submit() {
  const form = root.querySelector('form')!;
  form.dispatchEvent(new (form.ownerDocument.defaultView as unknown as { Event: typeof Event }).Event('submit'));
}

describe('ClipPreview', () => {
  it('shows captured text as text, never as markup', async () => {
    render(
      <ClipPreview
        db={db}
        env={testEnv()}
        locale="en"
        capture={capture([person(`张伟 ${HOSTILE}`, 'zw@hengtai-tech.cn')])}
        mode="page"
        by="li"
        checkOwnership={async () => ({ state: 'offline' })}
      />,
      root,
    );
    await until(() => root.querySelector('[data-testid=clip-owner][data-state=offline]') !== null, 'the check');
    await until(() => root.querySelector('[data-testid=clip-match]') !== null, 'the match');
    expect(root.querySelector('img')).toBeNull();
    expect(root.textContent).toContain(HOSTILE);
    expect(root.querySelector('[data-testid=clip-owner]')?.textContent).toBe(
      'Offline: the duplicate check runs at sync.',
    );
    expect(root.querySelector('[data-testid=clip-match]')?.getAttribute('data-action')).toBe('new');
  });

  it('a customer a colleague protects: says so, and saving records the interest instead of a card', async () => {
    const protectedCheck: OwnershipCheck = {
      state: 'checked',
      answer: { status: 'protected', owner: '王芳', until: '2026-12-20T08:00:00.000Z' },
    };
    render(
      <ClipPreview
        db={db}
        env={testEnv()}
        locale="zh-CN"
        capture={capture([person('张伟', 'zw@hengtai-tech.cn')])}
        mode="page"
        by="li"
        checkOwnership={async () => protectedCheck}
      />,
      root,
    );
    await until(() => root.querySelector('[data-testid=clip-owner][data-state=checked]') !== null, 'the check');
    expect(root.querySelector('[data-testid=clip-owner]')?.textContent).toBe(
      '王芳 保护中，至 12-20：保存将记录您的意向，不会新建重复卡片。',
    );
    submit();
    await until(() => root.querySelector('[data-testid=clip-interest]') !== null, 'the interest');
    expect(await db.accounts.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect((await clipInterests(db)).map((i) => [i.owner, i.name])).toEqual([['王芳', '张伟']]);
  });

  it('refuses to save when nobody is ticked on a team page', async () => {
    render(
      <ClipPreview
        db={db}
        env={testEnv()}
        locale="en"
        capture={capture([person('张伟', 'zw@hengtai-tech.cn'), person('李娜', 'ln@hengtai-tech.cn')])}
        mode="page"
        by="li"
        checkOwnership={async () => ({ state: 'signed-out' })}
      />,
      root,
    );
    expect(root.querySelectorAll('[data-testid=clip-lead][data-keep=false]')).toHaveLength(2);
    submit();
    await until(() => root.querySelector('[role=alert]') !== null, 'the refusal');
    expect(root.querySelector('[role=alert]')?.textContent).toBe('Tick at least one lead to save.');
    expect(await db.accounts.count()).toBe(0);
  });
});
