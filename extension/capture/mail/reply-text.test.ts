import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { replyText } from './reply-text';

describe('replyText', () => {
  test.each([
    [
      'top post with an attribution',
      'Thanks!\n\nOn Mon, 1 Jan 2024 at 10:00, Li Lei <li@example.cn> wrote:\n> Hi\n> there',
      'Thanks!',
    ],
    ['Chinese Apple Mail', '好的\n\n在 2016年11月8日，下午2:23，Test <t@example.com> 写道：\n\n> 你好', '好的'],
    [
      'Outlook zh header block',
      '收到\n\n发件人: 张磊 <z@p.cn>\n发送时间: 2024年5月20日 9:01\n收件人: 刘洋\n主题: 会议\n\n原文',
      '收到',
    ],
    ['QQ separator', '收到\n\n------------------ 原始邮件 ------------------\n发件人: "A"<a@qq.com>;\n\n原文', '收到'],
    [
      'Outlook rule above the header',
      'OK\n\n________________________________\nFrom: A <a@b.cn>\nSent: Monday\nTo: B\nSubject: x\n\nold',
      'OK',
    ],
    ['bottom posting', 'On Mon, 1 Jan 2024, A <a@b.cn> wrote:\n> question?\n\nanswer', 'answer'],
    ['inline answers', '> q1\nanswer 1\n\n> q2\nanswer 2', 'answer 1\n\nanswer 2'],
    ['a wrapped quoted link', 'Blah\n\n> see (http://example.com/a\n_nonce=1)\n> more', 'Blah'],
    ['forward', 'FYI\n\n---------- Forwarded message ---------\nFrom: A <a@b.cn>\nSubject: x\n\nbody', 'FYI'],
    [
      'phone tagline above an unquoted original',
      'Sure\n\nSent from my iPhone\n\nHi, can we meet?',
      'Sure\n\nSent from my iPhone',
    ],
    [
      'nothing quoted',
      'Hello\n\nOn the other hand, we could meet on Monday.',
      'Hello\n\nOn the other hand, we could meet on Monday.',
    ],
    ['CRLF', 'Hi\r\n\r\n> quoted\r\n', 'Hi'],
  ])('%s', (_name, input, expected) => {
    expect(replyText(input).text).toBe(expected);
  });

  test('says what it removed and reads the embedded header as written', () => {
    const split = replyText(
      'FYI\n\nBegin forwarded message:\n\n> From: "Some One" <some@example.com>\n> Subject: AW: x\n>\n> body\n\nbelow',
    );
    expect(split).toEqual({
      text: 'FYI\n\nbelow',
      quoted: true,
      forwarded: true,
      embedded: { from: '"Some One" <some@example.com>', subject: 'AW: x' },
    });
    expect(replyText('just text').quoted).toBe(false);
  });

  const line = fc.oneof(
    fc.constantFrom(
      '',
      '> quoted',
      'On Mon, 1 Jan 2024, A <a@b.cn> wrote:',
      '-----Original Message-----',
      'From: A <a@b.cn>',
      'Sent: Monday',
      '发件人: 张三',
      '在 2024年1月1日，A <a@b.cn> 写道：',
      'Sent from my iPhone',
      '-- ',
    ),
    fc.string({ maxLength: 60 }),
  );

  test('never invents text: the output lines are input lines, in order, none of them quoted', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (input) => {
        const out = replyText(input.join('\n')).text;
        if (!out) return;
        let at = 0;
        for (const outLine of out.split('\n')) {
          while (at < input.length && !input[at]!.includes(outLine)) at++;
          expect(at).toBeLessThan(input.length);
          at++;
          expect(outLine.startsWith('>')).toBe(false);
        }
      }),
    );
  });

  test('plain prose without markers, headers or dates comes out as it went in', () => {
    const word = fc.stringMatching(/^[a-z\u4e00-\u9fa5]{1,8}$/);
    const prose = fc.array(
      fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => w.join(' ')),
      { minLength: 1, maxLength: 12 },
    );
    fc.assert(
      fc.property(prose, (paragraphs) => {
        const text = paragraphs.join('\n');
        expect(replyText(text)).toEqual({ text, quoted: false, forwarded: false, embedded: null });
      }),
    );
  });

  test('pathological input completes: huge lines of markers, brackets and repeated openings', () => {
    const inputs = [
      `${'>'.repeat(500_000)}x`,
      `On ${'On '.repeat(50_000)}wrote`,
      `${'<'.repeat(100_000)}@${'>'.repeat(100_000)}:`,
      Array.from({ length: 20_000 }, (_, i) => (i % 2 ? 'From: a' : 'x')).join('\n'),
      `在${' 在'.repeat(50_000)}写道`,
    ];
    for (const input of inputs) expect(typeof replyText(input).text).toBe('string');
  });
});
