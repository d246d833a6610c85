import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type MailSides, mailDirection } from './mail-direction';
import type { MailAddress } from './parsed-email';

const at = (address: string, name = ''): MailAddress => ({ name, address });
const tengda: MailSides = {
  repAddresses: ['li.ming@leadcard.example'],
  customerEmails: ['zhangsan@tengda.com.cn', 'wangwu@qq.com'],
  customerDomains: ['tengda.com.cn', 'qq.com'],
};

describe('mailDirection', () => {
  test.each([
    ['the customer contact writes to the rep', 'ZhangSan@Tengda.com.cn', ['li.ming@leadcard.example'], 'in'],
    ['a colleague at the customer’s domain writes', 'lisi@tengda.com.cn', ['li.ming@leadcard.example'], 'in'],
    ['…from a sub-domain of the customer’s', 'sales@mail.tengda.com.cn', ['li.ming@leadcard.example'], 'in'],
    ['the customer’s contact on free mail writes', 'wangwu@qq.com', ['li.ming@leadcard.example'], 'in'],
    ['the rep writes to the customer', 'li.ming@leadcard.example', ['zhangsan@tengda.com.cn'], 'out'],
    ['the rep’s own address wins even if it copies the customer', 'LI.MING@leadcard.example', ['x@y.example'], 'out'],
    ['an unknown colleague of the rep writes to the customer', 'boss@leadcard.example', ['lisi@tengda.com.cn'], 'out'],
    // qq.com is free mail: another qq.com user is not the customer just by sharing the domain.
    ['a stranger on the same free-mail domain writes', 'other@qq.com', ['li.ming@leadcard.example'], 'in'],
    ['a stranger writes to someone else (a new lead clipped)', 'new@lead.example', ['li.ming@leadcard.example'], 'in'],
  ] as const)('%s → %s', (_, from, to, expected) => {
    expect(mailDirection({ from: at(from), to: to.map((a) => at(a)), cc: [] }, tengda)).toBe(expected);
  });

  test('the customer in Cc makes the rep’s mail outgoing', () => {
    const mail = { from: at('boss@leadcard.example'), to: [at('ops@else.example')], cc: [at('lisi@tengda.com.cn')] };
    expect(mailDirection(mail, { customerEmails: [], customerDomains: ['tengda.com.cn'] })).toBe('out');
  });

  test('a mail without From is read as the customer’s', () => {
    expect(mailDirection({ from: null, to: [], cc: [] }, tengda)).toBe('in');
  });

  test('a mail from any customer address is incoming, whoever it is addressed to', () => {
    const local = fc.stringMatching(/^[a-z][a-z0-9.]{0,12}$/);
    fc.assert(
      fc.property(local, fc.array(local, { maxLength: 3 }), (name, recipients) => {
        const mail = {
          from: at(`${name}@tengda.com.cn`),
          to: recipients.map((r) => at(`${r}@tengda.com.cn`)),
          cc: [],
        };
        expect(mailDirection(mail, { ...tengda, repAddresses: [] })).toBe('in');
      }),
    );
  });
});
