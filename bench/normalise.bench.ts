import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { normalisePhone } from '../shared/normalise/phone';
import { compareInterleaved } from './measure';
import type { Benchmark } from './types';

const COUNT = 100_000;

/** Deterministic PRNG (mulberry32) so every run normalises the same numbers. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The shapes reps paste: mainland mobiles and landlines in several layouts, hotlines, extensions, foreign numbers. */
export function mixedPhoneNumbers(count: number, seed = 3): string[] {
  const random = seeded(seed);
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  const fullWidth = (text: string) => text.replace(/[0-9+]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  const shapes: Array<() => string> = [
    () => `13${digits(1)} ${digits(4)} ${digits(4)}`,
    () => `+86 15${digits(1)}-${digits(4)}-${digits(4)}`,
    () => `0755-8${digits(3)} ${digits(4)}`,
    () => `(010) 6${digits(3)} ${digits(4)}`,
    () => `021-6${digits(7)} 转 ${digits(3)}`,
    () => `400-8${digits(2)}-${digits(4)}`,
    () => fullWidth(`+86 18${digits(9)}`),
    () => `+1 (415) 555-${digits(4)}`,
    () => `+44 20 7946 ${digits(4)}`,
    () => `2024-${digits(2)}-${digits(2)}`,
  ];
  return Array.from({ length: count }, () => (shapes[Math.floor(random() * shapes.length)] as () => string)());
}

export const benchmarks: Benchmark[] = [
  {
    name: 'normalisePhone, 100k mixed numbers',
    target: '≤ 1.2×',
    maxRatio: 1.2,
    run: async () => {
      const inputs = mixedPhoneNumbers(COUNT);
      const ours = () => inputs.filter((text) => normalisePhone(text) !== null).length;
      // The same library work done directly: parse with the CN default, validate, classify.
      const direct = () =>
        inputs.filter((text) => {
          const parsed = parsePhoneNumberFromString(text, { defaultCountry: 'CN' });
          return parsed?.isValid() === true && parsed.getType() !== undefined;
        }).length;
      const result = await compareInterleaved(ours, direct, { repeats: 5 });
      return {
        ...result,
        detail: `${COUNT} numbers, 10 shapes (${ours()} valid; libphonenumber-js alone: ${direct()}); baseline: parse + isValid + getType, max metadata`,
      };
    },
  },
];
