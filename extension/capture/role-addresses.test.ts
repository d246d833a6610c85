import { expect, test } from 'vitest';
import { addEvidence, emptyFound, type Found } from './found';
import { splitRoleAddresses } from './role-addresses';

const person = (name: string | null, emails: string[], org: string | null = null): Found => {
  const f = emptyFound('person');
  f.name = name;
  f.org = org;
  f.emails = emails;
  if (name) addEvidence(f, 'name', 'text');
  if (org) addEvidence(f, 'org', 'text');
  if (emails.length) addEvidence(f, 'emails', 'mailto');
  return f;
};

test('a role mailbox leaves the person and becomes its own role-address candidate with the org', () => {
  const out = splitRoleAddresses([person('张三', ['zhangsan@acme.cn', 'sales@acme.cn'], 'Acme')]);
  expect(out.map((c) => [c.kind, c.name, c.emails, c.org, c.evidence])).toEqual([
    ['person', '张三', ['zhangsan@acme.cn'], 'Acme', { name: ['text'], org: ['text'], emails: ['mailto'] }],
    ['role-address', null, ['sales@acme.cn'], 'Acme', { emails: ['mailto'], org: ['text'] }],
  ]);
});

test('a nameless candidate of role mailboxes only is replaced by them, each once', () => {
  const out = splitRoleAddresses([person(null, ['noreply@acme.cn', 'info@acme.cn']), person(null, ['info@acme.cn'])]);
  expect(out.map((c) => [c.kind, c.emails])).toEqual([
    ['role-address', ['noreply@acme.cn']],
    ['role-address', ['info@acme.cn']],
  ]);
});
