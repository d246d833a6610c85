import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../shared/schema/candidate';
import { htmlDocument } from '../capture/html-document';
import { candidateOfDraft, draftsOf } from './clip-draft';
import { capturePage } from './page-capture';

const pages = new URL('../../test/fixtures/pages/', import.meta.url);
const urls = JSON.parse(readFileSync(new URL('urls.json', pages), 'utf8')) as Record<string, string>;
const captureOf = (name: string, selection = '') =>
  capturePage(
    htmlDocument(readFileSync(new URL(name, pages), 'utf8')),
    urls[name] ?? 'https://www.example.cn/',
    selection,
  );

const person = (overrides: Partial<Candidate> = {}): Candidate => ({
  name: '张伟',
  title: '销售总监',
  org: '深圳恒泰科技有限公司',
  emails: ['zhangwei@hengtai-tech.cn'],
  phones: ['+8613800138000'],
  website: null,
  address: null,
  kind: 'person',
  evidence: { name: ['text'] },
  ...overrides,
});

describe('draftsOf', () => {
  it('lists every person of a team page, none ticked, role mailboxes last', () => {
    const drafts = draftsOf(captureOf('team-blocks-cn-team.html'), 'page');
    expect(drafts.filter((d) => d.base.kind === 'person').map((d) => d.fields.name)).toEqual([
      '王建国',
      '李晓梅',
      '赵磊',
      '孙丽',
      '周涛',
    ]);
    expect(drafts.every((d) => !d.keep)).toBe(true);
    expect(drafts.at(-1)?.base.kind).toBe('role-address');
    expect(drafts[0]?.fields).toMatchObject({ company: '启明医疗', source: 'web', tags: '', buyingRole: '' });
  });

  it('ticks the one lead of a contact page and fills its form', () => {
    const [draft, ...rest] = draftsOf(captureOf('labelled-text-cn-contact.html'), 'page');
    expect(rest).toEqual([]);
    expect(draft).toMatchObject({
      keep: true,
      fields: {
        name: '张伟',
        title: '销售总监',
        company: '深圳恒泰科技有限公司',
        emails: 'zhangwei@hengtai-tech.cn',
        phones: '+8675588886666;ext=801, +8613800138000',
      },
    });
  });

  it.each(['meta-og-business-contact.html', 'meta-title-only.html', 'decoys-cn-news.html'])(
    'opens one empty form with the organisation of %s when nobody is named',
    (name) => {
      const capture = captureOf(name);
      expect(capture.extraction.contacts).toEqual([]);
      const drafts = draftsOf(capture, 'page');
      expect(drafts).toHaveLength(1);
      const org = capture.extraction.organisation;
      expect(drafts[0]).toMatchObject({
        keep: true,
        fields: { name: '', title: '', emails: org?.emails.join(', '), phones: org?.phones.join(', ') },
      });
      expect(drafts[0]?.fields.company).toBe(org?.name);
      expect(drafts[0]?.fields.company).not.toBe('');
    },
  );

  it('reads only the selected text in selection mode', () => {
    const capture = captureOf('team-blocks-cn-team.html', '联系人：陈静\n职位：采购经理\n手机：139 1688 2233');
    const drafts = draftsOf(capture, 'selection');
    expect(drafts.map((d) => [d.fields.name, d.fields.title, d.fields.phones])).toEqual([
      ['陈静', '采购经理', '+8613916882233'],
    ]);
    expect(drafts[0]?.keep).toBe(true);
  });

  it('a selection with nothing in it opens the organisation form', () => {
    const drafts = draftsOf(captureOf('labelled-text-cn-contact.html', '欢迎光临'), 'selection');
    expect(drafts).toHaveLength(1);
    expect(drafts[0]?.fields).toMatchObject({ name: '', company: '深圳恒泰科技有限公司' });
  });
});

describe('candidateOfDraft', () => {
  const fields = {
    name: ' 张伟 ',
    title: '销售总监',
    company: '深圳恒泰科技有限公司',
    emails: 'ZhangWei@Hengtai-Tech.cn；zw@hengtai-tech.cn',
    phones: '138 0013 8000, 0755-8888 6666',
    address: '',
    website: 'www.hengtai-tech.cn',
    source: 'trade-show' as const,
    tags: '展会, 华南, 展会',
    buyingRole: 'influencer' as const,
  };

  it('normalises the rep’s edits and keeps the extras', () => {
    const { candidate, extras, problems } = candidateOfDraft(fields, person());
    expect(problems).toEqual([]);
    expect(candidate).toMatchObject({
      name: '张伟',
      org: '深圳恒泰科技有限公司',
      emails: ['zhangwei@hengtai-tech.cn', 'zw@hengtai-tech.cn'],
      phones: ['+8613800138000', '+8675588886666'],
      address: null,
      kind: 'person',
      evidence: { name: ['text'] },
    });
    expect(extras).toEqual({ source: 'trade-show', tags: ['展会', '华南'], buyingRole: 'influencer' });
  });

  it.each([
    [{ phones: '12' }, [{ kind: 'badPhone', value: '12' }]],
    [{ name: '', company: '', emails: '' }, [{ kind: 'noName' }]],
  ])('refuses %o naming the problem', (change, expected) => {
    const { candidate, problems } = candidateOfDraft({ ...fields, ...change }, person());
    expect(candidate).toBeNull();
    expect(problems).toEqual(expected);
  });

  it('a form without a person is the company; a role mailbox stays one', () => {
    expect(candidateOfDraft({ ...fields, name: '', emails: '' }, person()).candidate).toMatchObject({
      kind: 'organisation',
      name: '深圳恒泰科技有限公司',
      title: null,
    });
    const role = person({ kind: 'role-address', name: null, emails: ['sales@hengtai-tech.cn'] });
    expect(candidateOfDraft({ ...fields, name: '', emails: 'sales@hengtai-tech.cn' }, role).candidate?.kind).toBe(
      'role-address',
    );
  });
});
