import { expect, test } from 'vitest';
import { extractMeta, titleOrganisation } from './meta';
import { runSource } from './test-page';

test.each([
  ['联系我们 - 深圳恒泰科技有限公司', '深圳恒泰科技有限公司'],
  ['About us | Acme', 'Acme'],
  ['华信电子 - 联系人名片', '华信电子'],
  ['Contact', null],
  ['Notes on supply chains — Blog', null],
  ['Invoice INV-2024-00381 | Pinecrest Supply Co.', 'Pinecrest Supply Co.'],
  ['Brightline Analytics Inc.', 'Brightline Analytics Inc.'],
])('title %s → %s', (title, expected) => {
  expect(titleOrganisation(title)).toBe(expected);
});

test('og:site_name wins over the footer copyright and the title', () => {
  const [org] = runSource(
    extractMeta,
    `<head><title>首页 - 某某有限公司</title><meta property="og:site_name" content="恒泰"></head>
     <body><footer>© 2024 深圳恒泰科技有限公司 版权所有</footer></body>`,
  );
  expect(org).toMatchObject({ name: '恒泰', kind: 'organisation', website: 'https://www.example.cn/' });
});

test('the footer copyright names the company when there is no og:site_name', () => {
  const [org] = runSource(extractMeta, '<footer>Copyright © 2019-2025 Acme Widgets Ltd. All rights reserved.</footer>');
  expect(org?.name).toBe('Acme Widgets Ltd');
});
