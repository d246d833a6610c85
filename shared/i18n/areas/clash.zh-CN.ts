import type { clashEn } from './clash.en';

export const clashZhCN: Record<keyof typeof clashEn, string> = {
  'clash.title': '{owner} 保护此客户至 {until}：您的卡片与其重复。',
  'clash.titleNoDate': '{owner} 正在保护此客户：您的卡片与其重复。',
  'clash.remove': '记录我的意向并删除我的副本',
  'clash.keep': '保留我的卡片',
  'clash.unknownOwner': '一位同事',
};
