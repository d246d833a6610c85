import { describe, expect, test } from 'vitest';
import { withSimplifiedLabels } from './simplified-labels';

describe('withSimplifiedLabels', () => {
  test.each([
    ['電話：+886 2 2345 6789', '电话：+886 2 2345 6789'],
    ['手機: 0912 345 678', '手机: 0912 345 678'],
    ['  傳真：02-2345 6790', '  传真：02-2345 6790'],
    ['電子郵件：lin@example.com.tw', '电子邮件：lin@example.com.tw'],
    // values and unlabelled lines are left as written
    ['台灣精密機械股份有限公司', '台灣精密機械股份有限公司'],
    ['請撥電話：0912', '請撥電話：0912'],
    ['電話號碼很多', '電話號碼很多'],
  ])('%j → %j', (input, expected) => {
    expect(withSimplifiedLabels(input)).toBe(expected);
  });
});
