import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MailError } from './mail-error';
import { parseEmail, signatureCandidate } from './parsed-email';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('parseEmail', () => {
  test('a Chinese reply: headers decoded, quote and signature split off, the signature read into a candidate', async () => {
    const raw = [
      'From: =?UTF-8?B?5byg5Lyf?= <zhangwei@huaxing.cn>',
      'To: "Li Lei" <li@buyer.cn>, Team: a@buyer.cn, b@buyer.cn;',
      'Subject: =?UTF-8?B?5Zue5aSN77ya5oql5Lu3?=',
      'Date: Tue, 5 Mar 2024 10:30:00 +0800',
      'Message-ID: <abc@huaxing.cn>',
      'Content-Type: text/plain; charset=utf-8',
      '',
      '李总，报价单请查收。',
      '',
      '张伟',
      '销售经理',
      '手机：138 0013 8000',
      '',
      '在 2024年3月4日，李雷 <li@buyer.cn> 写道：',
      '> 请报价',
    ].join('\r\n');
    const parsed = await parseEmail(bytes(raw));
    expect(parsed).toMatchObject({
      from: { name: '张伟', address: 'zhangwei@huaxing.cn' },
      to: [
        { name: 'Li Lei', address: 'li@buyer.cn' },
        { name: '', address: 'a@buyer.cn' },
        { name: '', address: 'b@buyer.cn' },
      ],
      cc: [],
      subject: '回复：报价',
      date: '2024-03-05T02:30:00.000Z',
      messageId: 'abc@huaxing.cn',
      body: '李总，报价单请查收。',
      quoted: true,
      signature: { name: '张伟', title: '销售经理', phones: ['+8613800138000'], emails: ['zhangwei@huaxing.cn'] },
    });
  });

  test('an unreadable Date header gives null, not a garbage date', async () => {
    const parsed = await parseEmail(bytes('From: a@example.com\r\nDate: someday soon\r\n\r\nhi'));
    expect(parsed.date).toBeNull();
    expect(parsed.subject).toBeNull();
    expect(parsed.messageId).toBeNull();
  });

  test('random bytes give a result or a MailError, never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }),
          fc
            .string({ maxLength: 300 })
            .map((s) => bytes(`From: a@example.com\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n${s}`)),
        ),
        async (raw) => {
          try {
            const parsed = await parseEmail(raw);
            expect(typeof parsed.body).toBe('string');
          } catch (error) {
            expect(error).toBeInstanceOf(MailError);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('signatureCandidate', () => {
  const from = { name: '"Michael Chen"', address: 'M.Chen@Northwind.example' };

  test('fields from the block are signature evidence; the From header adds the address', () => {
    const c = signatureCandidate(
      'Best regards,\nMichael Chen\nDirector of Procurement\nT: +44 20 7946 0958',
      from,
      'CN',
    );
    expect(c).toMatchObject({
      name: 'Michael Chen',
      title: 'Director of Procurement',
      phones: ['+442079460958'],
      emails: ['m.chen@northwind.example'],
      evidence: { name: ['signature'], phones: ['signature'], emails: ['email-header'] },
    });
  });

  test('the display name names a signature that gives none', () => {
    const c = signatureCandidate('T: +44 20 7946 0958', from, 'CN');
    expect(c).toMatchObject({ name: 'Michael Chen', evidence: { name: ['email-header'] } });
  });

  test('a mailing-list footer below the signature is not the sender', () => {
    const c = signatureCandidate(
      '-Abhishek Kona\n\n\n______________\nriak-users mailing list\nriak-users@lists.basho.com',
      null,
      'CN',
    );
    expect(c?.emails ?? []).not.toContain('riak-users@lists.basho.com');
  });

  test('no signature block, no candidate', () => {
    expect(signatureCandidate(null, from, 'CN')).toBeNull();
  });
});
