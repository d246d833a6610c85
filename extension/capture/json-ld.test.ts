import { expect, test } from 'vitest';
import { extractJsonLd, parseJsonLd } from './json-ld';
import { runSource } from './test-page';

test.each([
  ['{"a":1}', { a: 1 }],
  ['// comment\n{"a": 1, /* x */ "b": [1,2,],}', { a: 1, b: [1, 2] }],
  ['<!-- wrapped -->{"a":"line\nbreak"}', { a: 'line\nbreak' }],
  ['<![CDATA[{"a":1}]]>', { a: 1 }],
  ['{"url":"http://x.cn/a//b"}', { url: 'http://x.cn/a//b' }],
  ['null', undefined],
  ['{"@type": "Person", "name": ', undefined],
])('parseJsonLd(%j)', (text, expected) => {
  expect(parseJsonLd(text)).toEqual(expected);
});

test('@graph, arrays, @id references, nested employee/member/contactPoint', () => {
  const found = runSource(
    extractJsonLd,
    `<script type="application/ld+json">[
      {"@type":"LocalBusiness","@id":"#shop","name":"蜀香","telephone":"028-8666 1234",
       "member":[{"@type":"Person","name":"黄敏"}],
       "contactPoint":{"@type":"ContactPoint","contactType":"customer service","telephone":"400-820-8820","email":"kefu@shuxiang.cn"}},
      {"@graph":[{"@type":"Person","familyName":"王","givenName":"芳","worksFor":{"@id":"#shop"}}]}
    ]</script>`,
  );
  expect(found.map((f) => [f.kind, f.name, f.org, f.phones, f.emails])).toEqual([
    ['person', '黄敏', '蜀香', [], []],
    ['organisation', '蜀香', null, ['+862886661234', '+864008208820'], ['kefu@shuxiang.cn']],
    ['person', '王芳', '蜀香', [], []],
  ]);
});
