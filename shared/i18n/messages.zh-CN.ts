import type { Catalog } from './catalog';

/** 简体中文目录：与英文目录的键一一对应。 */
export const zhCN: Catalog = {
  'app.name': 'Leadcard 客户卡',
  'app.tagline': 'B2B 销售的客户资料卡',
};
