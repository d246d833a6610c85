import { expect, test } from 'vitest';
import { extractMicrodata } from './microdata';
import { runSource } from './test-page';

test('a Person inside an Organization gets the organisation as org; itemref and content attributes count', () => {
  const found = runSource(
    extractMicrodata,
    `<div itemscope itemtype="https://schema.org/Organization" itemref="addr">
       <span itemprop="name">Globex</span>
       <div itemprop="employee" itemscope itemtype="https://schema.org/Person">
         <span itemprop="name">Hank Scorpio</span><span itemprop="jobTitle">CEO</span>
         <span itemprop="telephone" content="+1 415 555 0199">call</span>
         <script>document.write('x')</script>
       </div>
     </div>
     <p id="addr" itemprop="address">Cypress Creek</p>`,
    { defaultRegion: 'US' },
  );
  expect(found.map((f) => [f.kind, f.name, f.org, f.title, f.phones, f.address])).toEqual([
    ['person', 'Hank Scorpio', 'Globex', 'CEO', ['+14155550199'], null],
    ['organisation', 'Globex', null, null, [], 'Cypress Creek'],
  ]);
});
