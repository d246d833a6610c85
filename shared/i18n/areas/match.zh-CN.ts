import type { matchEn } from './match.en';

export const matchZhCN: Record<keyof typeof matchEn, string> = {
  'match.reason.email': '邮箱相同 {value}',
  'match.reason.phone': '电话相同 {value}',
  'match.reason.domain': '域名相同 {value}',
  'match.reason.company-name': '公司名称相同（{value}）',
  'match.contact.merge': '并入已有联系人 {name}：{reasons}',
  'match.contact.new': '新建联系人',
  'match.account.merge': '并入已有客户 {name}：{reasons}',
  'match.account.new': '新建客户',
  'match.field.fill': '{field}：补填“{value}”',
  'match.field.append': '{field}：新增 {values}',
  'match.field.conflict': '{field}：卡片上为“{current}”，本次采集为“{incoming}”，请选择',
};
