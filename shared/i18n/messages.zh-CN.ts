import { appZhCN } from './areas/app.zh-CN';
import { clashZhCN } from './areas/clash.zh-CN';
import { clipZhCN } from './areas/clip.zh-CN';
import { extensionZhCN } from './areas/extension.zh-CN';
import { extension2ZhCN } from './areas/extension2.zh-CN';
import { mailZhCN } from './areas/mail.zh-CN';
import { managerZhCN } from './areas/manager.zh-CN';
import { matchZhCN } from './areas/match.zh-CN';
import { scoringZhCN } from './areas/scoring.zh-CN';
import { teamsZhCN } from './areas/teams.zh-CN';
import type { Catalog } from './catalog';

/** 简体中文目录：与英文目录的键一一对应（类型检查缺键，i18n 测试查多键与空值）。 */
export const zhCN: Catalog = {
  ...appZhCN,
  ...extensionZhCN,
  ...matchZhCN,
  ...scoringZhCN,
  ...managerZhCN,
  ...mailZhCN,
  ...clipZhCN,
  ...clashZhCN,
  ...extension2ZhCN,
  ...teamsZhCN,
};
