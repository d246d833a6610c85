import fc from 'fast-check';
import { expect, test } from 'vitest';
import { toSimplified } from './simplified';

test.each([
  ['張三', '张三'],
  ['華為技術有限公司', '华为技术有限公司'],
  ['臺灣積體電路製造股份有限公司', '台湾积体电路制造股份有限公司'],
  ['鴻海精密工業股份有限公司', '鸿海精密工业股份有限公司'],
  ['頭髮', '头发'],
  ['乾隆', '乾隆'],
  ['薴', '苎'],
  ['华为技术有限公司', '华为技术有限公司'],
  ['Acme Ltd.', 'Acme Ltd.'],
  ['', ''],
])('%s → %s', (input, expected) => {
  expect(toSimplified(input)).toBe(expected);
});

test('converting twice changes nothing, for every character of the CJK blocks', () => {
  const changed: string[] = [];
  for (let code = 0x3400; code <= 0x9fff; code++) {
    const once = toSimplified(String.fromCharCode(code));
    if (toSimplified(once) !== once) changed.push(String.fromCharCode(code));
  }
  expect(changed).toEqual([]);
});

test('converting twice changes nothing', () => {
  const han = fc.integer({ min: 0x4e00, max: 0x9fff }).map((code) => String.fromCharCode(code));
  fc.assert(
    fc.property(
      fc.oneof(
        fc.array(han, { maxLength: 12 }).map((chars) => chars.join('')),
        fc.string(),
      ),
      (text) => {
        const once = toSimplified(text);
        expect(toSimplified(once)).toBe(once);
      },
    ),
    { numRuns: 2000 },
  );
});
