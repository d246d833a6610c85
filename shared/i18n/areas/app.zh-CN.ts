import type { appEn } from './app.en';

export const appZhCN: Record<keyof typeof appEn, string> = {
  'app.name': 'Leadcard 客户卡',
  'app.tagline': 'B2B 销售的客户资料卡',
};
