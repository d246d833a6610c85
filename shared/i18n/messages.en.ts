import { appEn } from './areas/app.en';
import { clashEn } from './areas/clash.en';
import { clipEn } from './areas/clip.en';
import { extensionEn } from './areas/extension.en';
import { extension2En } from './areas/extension2.en';
import { mailEn } from './areas/mail.en';
import { managerEn } from './areas/manager.en';
import { matchEn } from './areas/match.en';
import { scoringEn } from './areas/scoring.en';
import { teamsEn } from './areas/teams.en';

/**
 * The English catalog: one area file per part of the product (`areas/<area>.en.ts`, keys prefixed `<area>.`),
 * each with its zh-CN twin (`areas/<area>.zh-CN.ts`). Register both here and in messages.zh-CN.ts.
 */
export const en = {
  ...appEn,
  ...extensionEn,
  ...matchEn,
  ...scoringEn,
  ...managerEn,
  ...mailEn,
  ...clipEn,
  ...clashEn,
  ...extension2En,
  ...teamsEn,
} as const;
