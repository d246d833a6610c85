import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { looksLikePhone, type NormalisedPhone, normalisePhone, normalisePhoneString, phoneToString } from './phone';

type Row = [input: string, e164: string, extension: string | null, kind: NormalisedPhone['kind']];

describe('normalisePhone (default region CN)', () => {
  test.each<Row>([
    // mainland mobiles
    ['138 0013 8000', '+8613800138000', null, 'mobile'],
    ['13800138000', '+8613800138000', null, 'mobile'],
    ['138-0013-8000', '+8613800138000', null, 'mobile'],
    ['+86 138-0013-8000', '+8613800138000', null, 'mobile'],
    ['+86 13800138000', '+8613800138000', null, 'mobile'],
    ['+8613800138000', '+8613800138000', null, 'mobile'],
    ['(86) 138 0013 8000', '+8613800138000', null, 'mobile'],
    ['(+86) 138 0013 8000', '+8613800138000', null, 'mobile'],
    ['0086 138 0013 8000', '+8613800138000', null, 'mobile'],
    ['８６－１３８００１３８０００', '+8613800138000', null, 'mobile'],
    ['＋８６ １３８ ００１３ ８０００', '+8613800138000', null, 'mobile'],
    ['１３９１２３４５６７８', '+8613912345678', null, 'mobile'],
    ['手机：186 1234 5678', '+8618612345678', null, 'mobile'],
    ['Mobile: +86 159 0000 1234', '+8615900001234', null, 'mobile'],
    ['tel:+86-177-1234-5678', '+8617712345678', null, 'mobile'],
    // landlines with area codes
    ['0755-8888 6666', '+8675588886666', null, 'fixed'],
    ['0755-88886666', '+8675588886666', null, 'fixed'],
    ['(0755) 8888-6666', '+8675588886666', null, 'fixed'],
    ['(010) 6552 9988', '+861065529988', null, 'fixed'],
    ['010-65529988', '+861065529988', null, 'fixed'],
    ['021-6234 5678', '+862162345678', null, 'fixed'],
    ['+86 (0)755 8888 6666', '+8675588886666', null, 'fixed'],
    ['+86-10-6552-9988', '+861065529988', null, 'fixed'],
    ['电话：0571-8765 4321', '+8657187654321', null, 'fixed'],
    ['（０２０）３８８８ ８８８８', '+862038888888', null, 'fixed'],
    // extensions
    ['0755-8888 6666 转 801', '+8675588886666', '801', 'fixed'],
    ['0755-88886666转801', '+8675588886666', '801', 'fixed'],
    ['010-65529988 分机 8', '+861065529988', '8', 'fixed'],
    ['010-65529988 分机号：8', '+861065529988', '8', 'fixed'],
    ['+86 755 8888 6666 ext. 12', '+8675588886666', '12', 'fixed'],
    ['+86 755 8888 6666 x12', '+8675588886666', '12', 'fixed'],
    ['+86 755 8888 6666 #12', '+8675588886666', '12', 'fixed'],
    ['+8675588886666;ext=801', '+8675588886666', '801', 'fixed'],
    ['tel:+8675588886666;ext=801', '+8675588886666', '801', 'fixed'],
    ['0755-8888 6666-801', '+8675588886666', '801', 'fixed'],
    ['010-65529988-8', '+861065529988', '8', 'fixed'],
    ['Tel.: +86 10 6552 9988', '+861065529988', null, 'fixed'],
    // hotlines
    ['400-800-1234', '+864008001234', null, 'toll-free'],
    ['400 800 1234', '+864008001234', null, 'toll-free'],
    ['服务热线：400-820-8820', '+864008208820', null, 'toll-free'],
    ['800-820-8820', '+868008208820', null, 'toll-free'],
    // other regions
    ['+1 (415) 555-2671', '+14155552671', null, 'other'],
    ['+1 415 555 2671 ext. 204', '+14155552671', '204', 'other'],
    ['+1 800 555 0199', '+18005550199', null, 'toll-free'],
    ['+44 20 7946 0958', '+442079460958', null, 'fixed'],
    ['+44 (0)20 7946 0958', '+442079460958', null, 'fixed'],
    ['+44 7911 123456', '+447911123456', null, 'mobile'],
    ['+852 2345 6789', '+85223456789', null, 'fixed'],
    ['(852) 9123 4567', '+85291234567', null, 'mobile'],
    ['+886 2 2345 6789', '+886223456789', null, 'fixed'],
    ['+886 912 345 678', '+886912345678', null, 'mobile'],
    ['+81 3-1234-5678', '+81312345678', null, 'fixed'],
    ['+49 30 12345678', '+493012345678', null, 'fixed'],
  ])('%s → %s', (input, e164, extension, kind) => {
    expect(normalisePhone(input)).toEqual({ e164, extension, kind });
  });

  test.each([
    [''],
    ['phone'],
    ['2024'],
    ['2023-10-12'],
    ['2024/1/15'],
    ['15.01.2024'],
    ['2024年1月15日'],
    ['518000'],
    ['邮编：518000'],
    ['粤ICP备12345678号'],
    ['京ICP证030173号'],
    ['订单号 202310121234567'],
    ['202310121234567'],
    ['¥1,380.00'],
    ['1,380.00'],
    ['$ 2,499'],
    ['12345'],
    ['123456789012345678'],
    ['0755-123'],
    ['+86 138 0013'],
    ['110'],
    ['95588'],
    ['3.1415926'],
    ['192.168.1.1'],
    ['ISBN 978-7-111-12345-6'],
    ['abc-def-ghij'],
    [`138 0013 8000${' '.repeat(200)}`],
    ['138-0013-800-12'],
    ['0755-8888-666'],
  ])('rejects %s', (input) => {
    expect(normalisePhone(input)).toBeNull();
  });

  test('a default region other than CN reads national numbers of that region', () => {
    expect(normalisePhone('(415) 555-2671', { defaultRegion: 'US' })?.e164).toBe('+14155552671');
    expect(normalisePhone('020 7946 0958', { defaultRegion: 'GB' })?.e164).toBe('+442079460958');
    expect(normalisePhone('2345 6789', { defaultRegion: 'HK' })?.e164).toBe('+85223456789');
    // …and a number with its country code ignores the default.
    expect(normalisePhone('+86 138 0013 8000', { defaultRegion: 'US' })?.e164).toBe('+8613800138000');
  });

  test('phoneToString gives E.164 and the RFC 3966 extension', () => {
    expect(phoneToString({ e164: '+8675588886666', extension: null, kind: 'fixed' })).toBe('+8675588886666');
    expect(phoneToString({ e164: '+8675588886666', extension: '801', kind: 'fixed' })).toBe('+8675588886666;ext=801');
    expect(normalisePhoneString('0755-8888 6666 转 801')).toBe('+8675588886666;ext=801');
    expect(normalisePhoneString('not a phone')).toBeNull();
  });

  test('looksLikePhone', () => {
    expect(looksLikePhone('138 0013 8000')).toBe(true);
    expect(looksLikePhone('2023-10-12')).toBe(false);
  });

  test('normalising twice changes nothing', () => {
    const digits = (min: number, max: number) =>
      fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));
    const phoneLike = fc
      .tuple(
        fc.constantFrom('', '+86 ', '0086', '(86)', '+1 ', '+44 ', '+852 ', '0', '1', '13', '400', '+886 '),
        digits(6, 12),
        fc.constantFrom('', ' 转 801', ' x12', ' ext. 7', ';ext=99'),
      )
      .map(([prefix, body, ext]) => `${prefix}${body}${ext}`);
    fc.assert(
      fc.property(fc.oneof(phoneLike, fc.string()), (text) => {
        const once = normalisePhone(text);
        if (once !== null) expect(normalisePhone(phoneToString(once))).toEqual(once);
      }),
      { numRuns: 500 },
    );
  });
});
