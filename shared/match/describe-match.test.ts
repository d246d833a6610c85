import { expect, test } from 'vitest';
import { describeChange, describeReason, describeReasons } from './describe-match';

test.each([
  ['en', { kind: 'email', value: 'li@acme.cn' }, 'same email li@acme.cn'],
  ['zh-CN', { kind: 'email', value: 'li@acme.cn' }, '邮箱相同 li@acme.cn'],
  ['en', { kind: 'phone', value: '+8613800138000' }, 'same phone +8613800138000'],
  ['zh-CN', { kind: 'domain', value: 'acme.cn' }, '域名相同 acme.cn'],
  ['zh-CN', { kind: 'company-name', value: '华为技术' }, '公司名称相同（华为技术）'],
] as const)('%s: %j → %s', (locale, reason, expected) => {
  expect(describeReason(locale, reason)).toBe(expected);
});

test('reasons join with the locale separator', () => {
  const reasons = [
    { kind: 'email', value: 'a@b.cn' },
    { kind: 'phone', value: '+8613800138000' },
  ] as const;
  expect(describeReasons('en', reasons)).toBe('same email a@b.cn; same phone +8613800138000');
  expect(describeReasons('zh-CN', reasons)).toBe('邮箱相同 a@b.cn；电话相同 +8613800138000');
});

test('changes read as sentences, values kept as plain text', () => {
  const label = (field: string) => ({ title: '职位', emails: '邮箱' })[field] ?? field;
  expect(describeChange('zh-CN', { field: 'title', action: 'fill', value: '经理', evidence: [] }, label)).toBe(
    '职位：补填“经理”',
  );
  expect(
    describeChange('zh-CN', { field: 'emails', action: 'append', values: ['a@b.cn', 'c@d.cn'], evidence: [] }, label),
  ).toBe('邮箱：新增 a@b.cn、c@d.cn');
  expect(
    describeChange('en', { field: 'title', action: 'conflict', current: 'CTO', incoming: '<b>CEO</b>', evidence: [] }),
  ).toBe('title: the card says “CTO”, the clip says “<b>CEO</b>”. Which one?');
});
