import { expect, test } from 'vitest';
import { extractHCard } from './h-card';
import { runSource } from './test-page';

test('mf2 h-card with nested org h-card, and classic vcard with value-class tel', () => {
  const found = runSource(
    extractHCard,
    `<div class="h-card"><span class="p-name">Alice</span><span class="p-org h-card"><span class="p-name">Fabrikam</span></span>
       <a class="u-email" href="mailto:alice@fabrikam.example">mail</a></div>
     <div class="vcard"><span class="fn">Bob</span><span class="tel"><span class="type">work</span><span class="value">+49 30 901820</span></span></div>`,
  );
  expect(found.map((f) => [f.name, f.org, f.emails, f.phones])).toEqual([
    ['Alice', 'Fabrikam', ['alice@fabrikam.example'], []],
    ['Bob', null, [], ['+4930901820']],
  ]);
});

test('an organisation card (p-name p-org) is an organisation, and its people get its name', () => {
  const found = runSource(
    extractHCard,
    `<div class="h-card"><span class="p-name p-org">Contoso</span>
       <div class="h-card"><span class="p-name">Dana</span></div></div>`,
  );
  expect(found.map((f) => [f.kind, f.name, f.org])).toEqual([
    ['organisation', 'Contoso', 'Contoso'],
    ['person', 'Dana', 'Contoso'],
  ]);
});
