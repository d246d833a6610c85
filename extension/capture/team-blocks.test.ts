import { expect, test } from 'vitest';
import { extractTeamBlocks } from './team-blocks';
import { runSource } from './test-page';

const member = (name: string, title: string, email: string) =>
  `<li class="person"><h4>${name}</h4><p>${title}</p><a href="mailto:${email}">Email</a></li>`;

test('repeated blocks give one person each, in page order', () => {
  const found = runSource(
    extractTeamBlocks,
    `<ul>${member('Ana Lima', 'Head of Sales', 'ana@x.io')}${member('Ben Ode', 'Account Executive', 'ben@x.io')}${member('Cai Wen', 'Sales Engineer', 'cai@x.io')}</ul>`,
  );
  expect(found.map((f) => [f.name, f.title, f.emails])).toEqual([
    ['Ana Lima', 'Head of Sales', ['ana@x.io']],
    ['Ben Ode', 'Account Executive', ['ben@x.io']],
    ['Cai Wen', 'Sales Engineer', ['cai@x.io']],
  ]);
  expect(found.map((f) => f.position)).toEqual([...found.map((f) => f.position)].sort((a, b) => a - b));
});

test('a navigation list or product grid is not a team', () => {
  expect(
    runSource(extractTeamBlocks, '<ul><li><b>Home</b></li><li><b>Products</b></li><li><b>Contact us</b></li></ul>'),
  ).toEqual([]);
});
