import type { AccountFields, ContactFields } from '../../shared/schema/entities';

let counter = 0;
/** A fresh UUIDv7-shaped id, distinct per call (deterministic, no randomness). */
export function makeId(): string {
  counter++;
  const hex = counter.toString(16).padStart(12, '0');
  return `01935240-5400-7000-8000-${hex}`;
}

export function makeAccount(overrides: Partial<AccountFields> = {}): AccountFields {
  return {
    name: '深圳市腾达科技有限公司',
    kind: 'business',
    category: 'customer',
    channelRole: 'end',
    status: 'lead',
    leadStatus: 'new',
    disqualifyReason: null,
    domains: ['tengda.com.cn'],
    website: 'https://www.tengda.com.cn',
    industry: 'manufacturing',
    employees: 320,
    region: '广东',
    address: '深圳市南山区科技园',
    phones: ['+8675588886666'],
    source: 'web',
    tags: [],
    features: {},
    business: {},
    needs: { aware: true, match: 'high', budgetTotal: 600_000, budgetMatching: 120_000 },
    contract: {},
    strategic: false,
    credit: {},
    currency: 'CNY',
    ...overrides,
  };
}

export function makeContact(overrides: Partial<ContactFields> = {}): ContactFields {
  return {
    accountId: makeId(),
    name: '张三',
    title: '采购经理',
    emails: ['zhangsan@tengda.com.cn'],
    phones: ['+8613800138000'],
    social: [],
    buyingRole: 'decision-maker',
    isPrimary: true,
    provenance: {},
    ...overrides,
  };
}
