import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { normalisePersonName, personNameKey } from './person';

describe('normalisePersonName', () => {
  test.each([
    ['张三', '张三'],
    ['  张三  ', '张三'],
    ['张 三', '张三'],
    ['欧阳 娜娜', '欧阳娜娜'],
    ['司马\u3000相如', '司马相如'],
    ['張三', '張三'],
    ['阿卜杜拉・买买提', '阿卜杜拉·买买提'],
    ['让 · 雷诺', '让·雷诺'],
    ['John   Smith', 'John Smith'],
    ["\tMary-Jane  O'Neil\n", "Mary-Jane O'Neil"],
    ['Ｊｏｈｎ Ｓｍｉｔｈ', 'John Smith'],
    ['Zhang San', 'Zhang San'],
    ['Li Xiaolong (Bruce)', 'Li Xiaolong (Bruce)'],
    ['José García', 'José García'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalisePersonName(input)).toBe(expected);
  });

  test('normalising twice changes nothing', () => {
    const pieces = fc.constantFrom('张', '三', ' ', '\u3000', '・', '·', 'Ｊｏｈｎ', 'Smith', '\t', '歐陽');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(pieces, { maxLength: 8 }).map((p) => p.join('')),
          fc.string(),
        ),
        (name) => {
          const once = normalisePersonName(name);
          expect(normalisePersonName(once)).toBe(once);
          const key = personNameKey(name);
          expect(personNameKey(key)).toBe(key);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('personNameKey', () => {
  test.each([
    ['張三', '张三'],
    ['歐陽 娜娜', '欧阳娜娜'],
    ['JOHN  smith', 'john smith'],
  ])('%s → %s', (input, expected) => {
    expect(personNameKey(input)).toBe(expected);
  });
});
