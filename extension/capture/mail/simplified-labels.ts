/**
 * Traditional-Chinese field labels (Big5 mail from Taiwan and Hong Kong) and their simplified forms, which the
 * labelled-text rules read. Only a label that opens a line is replaced: the values (names, companies, addresses)
 * stay exactly as written.
 */
const traditionalLabels: Record<string, string> = {
  聯絡人: '联系人',
  聯繫人: '联系人',
  姓名: '姓名',
  職位: '职位',
  職務: '职务',
  職稱: '职称',
  公司名稱: '公司名称',
  電話: '电话',
  聯絡電話: '联系电话',
  辦公電話: '办公电话',
  手機: '手机',
  行動電話: '手机',
  傳真: '传真',
  郵箱: '邮箱',
  電郵: '邮箱',
  電子郵件: '电子邮件',
  電子信箱: '电子邮箱',
  網址: '网址',
  網站: '网站',
  公司地址: '公司地址',
  地址: '地址',
};

const labelPattern = new RegExp(
  `^([ \\t\\u3000]*)(${Object.keys(traditionalLabels)
    .sort((a, b) => b.length - a.length)
    .join('|')})(?=[ \\t\\u3000]*[:：])`,
  'gmu',
);

/** `電話：+886 2 2345 6789` → `电话：+886 2 2345 6789`; other lines unchanged. */
export function withSimplifiedLabels(text: string): string {
  return text.replace(labelPattern, (_whole, indent: string, label: string) => indent + traditionalLabels[label]);
}
