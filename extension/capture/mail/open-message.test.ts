import { describe, expect, test } from 'vitest';
import { mailAddress, pageDate } from './open-message';

describe('mailAddress', () => {
  test.each([
    ['"Li Lei" <li@example.cn>', { name: 'Li Lei', address: 'li@example.cn' }],
    ['张伟 <zhangwei@huaxing.cn>;', { name: '张伟', address: 'zhangwei@huaxing.cn' }],
    ['legal@brightline.example', { name: '', address: 'legal@brightline.example' }],
    ['Tom Becker', null],
    ['', null],
  ])('%j', (text, expected) => {
    expect(mailAddress(text)).toEqual(expected);
  });
});

describe('pageDate', () => {
  test.each([
    ['Tue, Mar 12, 2024, 11:02 AM', new Date(2024, 2, 12, 11, 2).toISOString()],
    ['Tue, Mar 12, 2024, 11:02\u202fAM (2 days ago)', new Date(2024, 2, 12, 11, 2).toISOString()],
    ['Fri 4/5/2024 9:12 AM', new Date(2024, 3, 5, 9, 12).toISOString()],
    ['yesterday', null],
    [null, null],
  ])('%j', (text, expected) => {
    expect(pageDate(text)).toBe(expected);
  });
});
