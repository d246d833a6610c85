/**
 * Column names a customer list uses, in English and Chinese (客户名录), mapped to the card's fields. Matching
 * ignores case, spaces and punctuation, so `E-mail`, `email` and `Email Address` land on the same column.
 */
export const COLUMNS: Record<string, readonly string[]> = {
  company: [
    'company',
    'companyname',
    'organisation',
    'organization',
    'org',
    'account',
    'customer',
    '公司名称',
    '公司',
    '单位',
    '单位名称',
    '客户名称',
    '企业名称',
  ],
  contact: ['contact', 'contactname', 'name', 'fullname', 'person', '联系人', '姓名', '客户姓名'],
  title: ['title', 'jobtitle', 'position', '职位', '职务', '头衔'],
  phones: ['phone', 'phones', 'mobile', 'cell', 'tel', 'telephone', '手机', '电话', '联系电话', '手机号码', '移动电话'],
  companyPhones: ['companyphone', 'companyphones', 'switchboard', '公司电话', '总机', '座机'],
  emails: ['email', 'emails', 'emailaddress', 'mail', '邮箱', '电子邮件', '电子邮箱'],
  website: ['website', 'web', 'url', 'homepage', '网址', '网站', '公司网址', '主页'],
  domains: ['domains', 'domain', '域名'],
  address: ['address', '地址', '公司地址', '通讯地址'],
  industry: ['industry', '行业', '所属行业'],
  region: ['region', 'province', 'city', '地区', '省份', '城市', '区域'],
  kind: ['kind', '类型'],
  category: ['category', '客户类别'],
  status: ['status', '客户状态'],
  source: ['source', '来源', '客户来源'],
  tags: ['tags', '标签'],
  notes: ['notes', 'note', 'remarks', 'comment', '备注', '说明'],
  buyingRole: ['buyingrole', 'role', '角色'],
};

const squash = (header: string) =>
  header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
const lookup = new Map(Object.entries(COLUMNS).flatMap(([field, names]) => names.map((n) => [squash(n), field])));

/** Which card field a header maps to (`手机` → `phones`, `E-mail` → `emails`); undefined: the column is ignored. */
export function mapHeader(header: string): string | undefined {
  return lookup.get(squash(header));
}
