import { expect, test } from 'vitest';
import { startsWithChineseSurname } from './chinese-surnames';

test.each([
  ['张伟', true],
  ['陳美玲', true],
  ['欧阳娜娜', true],
  ['司馬光', true],
  ['总机', false],
  ['首页', false],
  ['客服', false],
  ['', false],
])('%s → %s', (text, expected) => {
  expect(startsWithChineseSurname(text)).toBe(expected);
});
