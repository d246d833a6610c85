import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { signatureBlock } from './signature-block';

describe('signatureBlock', () => {
  test.each([
    [
      'Chinese sign-off and labelled lines',
      '王经理您好：\n\n请查收报价单。\n\n此致\n敬礼\n\n张伟\n销售经理\n深圳市华兴科技有限公司\n手机：138 0013 8000\n邮箱：zhangwei@huaxing.cn',
      '王经理您好：\n\n请查收报价单。',
      '此致\n敬礼\n\n张伟\n销售经理\n深圳市华兴科技有限公司\n手机：138 0013 8000\n邮箱：zhangwei@huaxing.cn',
    ],
    [
      'no sign-off: the name lines above the first contact line',
      'Please see the attached spec.\n\nMichael Chen\nDirector of Procurement\nNorthwind Components Ltd.\nOffice: +44 20 7946 0958',
      'Please see the attached spec.',
      'Michael Chen\nDirector of Procurement\nNorthwind Components Ltd.\nOffice: +44 20 7946 0958',
    ],
    ['RFC 3676 delimiter', 'Hello\n\n-- \nDavid Lee\nOrbit Devices', 'Hello', 'David Lee\nOrbit Devices'],
    [
      'dashed name',
      'Having the function would be great.\n\n-Abhishek Kona',
      'Having the function would be great.',
      '-Abhishek Kona',
    ],
    [
      'device tagline is dropped, not a signature',
      'Sure, see you then.\n\n发自我的iPhone',
      'Sure, see you then.',
      null,
    ],
    [
      'disclaimer is dropped',
      '收到。\n\n刘洋\n手机：186 1000 2000\n\n免责声明：本邮件及其附件含有保密信息。',
      '收到。',
      '刘洋\n手机：186 1000 2000',
    ],
    [
      'no signature in plain prose',
      'Can we move the call to Friday?\nThe team is away on Thursday.',
      'Can we move the call to Friday?\nThe team is away on Thursday.',
      null,
    ],
    [
      'a sentence with a number is not a signature',
      'We need 2,000 units delivered to 100 Main St by 12/01/2024.',
      'We need 2,000 units delivered to 100 Main St by 12/01/2024.',
      null,
    ],
  ])('%s', (_name, text, body, signature) => {
    expect(signatureBlock(text)).toEqual({ body, signature });
  });

  test('the sender name finds a signature that has nothing else to go by', () => {
    const text = "Thanks Sasha, I can't go any higher.\n\nStavros Xxxxxx\nvia mobile";
    expect(signatureBlock(text, { senderName: 'Stavros Xxxxxx' }).signature).toBe('Stavros Xxxxxx\nvia mobile');
    expect(signatureBlock(text).signature).toBeNull();
  });

  test('body and signature are made of the input lines, in order', () => {
    const line = fc.oneof(
      fc.constantFrom(
        '',
        'Best regards,',
        '张伟',
        '销售经理',
        '手机：138 0013 8000',
        '-- ',
        'Sent from my iPhone',
        'www.example.cn',
      ),
      fc.string({ maxLength: 50 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (input) => {
        const { body, signature } = signatureBlock(input.join('\n'));
        const out = [...(body ? body.split('\n') : []), ...(signature ? signature.split('\n') : [])];
        let at = 0;
        for (const outLine of out) {
          while (at < input.length && input[at] !== outLine) at++;
          expect(at).toBeLessThan(input.length);
          at++;
        }
      }),
    );
  });
});

describe('signatureBlock with the sender name', () => {
  test.each([
    ['Blue, please.\n\nTwenty.\n\nTom', 'Tom Hill', 'Tom'],
    ['Please send the catalogue.\n\nWang Lei', 'Wang, Lei', 'Wang Lei'],
    ['Thanks.\n\nTomorrow works for me!', 'Tom Hill', null],
    ['Thanks.\n\nTom will call you tomorrow about the order.', 'Tom Hill', null],
  ])('%j signed by %j', (text, senderName, signature) => {
    expect(signatureBlock(text, { senderName }).signature).toBe(signature);
  });
});
