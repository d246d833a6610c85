/**
 * The words the demo companies and people are made of: Chinese firms named the way they register (city + brand +
 * trade + 有限公司), English ones brand + trade + legal suffix; Chinese names whole (no first/last split).
 */
export type Market = 'zh' | 'en';

export const ZH_CITIES = [
  { city: '深圳', region: '广东', area: '755' },
  { city: '广州', region: '广东', area: '20' },
  { city: '杭州', region: '浙江', area: '571' },
  { city: '宁波', region: '浙江', area: '574' },
  { city: '苏州', region: '江苏', area: '512' },
  { city: '南京', region: '江苏', area: '25' },
  { city: '上海', region: '上海', area: '21' },
  { city: '北京', region: '北京', area: '10' },
  { city: '成都', region: '四川', area: '28' },
  { city: '武汉', region: '湖北', area: '27' },
  { city: '西安', region: '陕西', area: '29' },
  { city: '青岛', region: '山东', area: '532' },
] as const;

/** Brand words with their pinyin (the company's domain). */
export const ZH_BRANDS = [
  ['华信', 'huaxin'],
  ['天成', 'tiancheng'],
  ['恒达', 'hengda'],
  ['明远', 'mingyuan'],
  ['瑞丰', 'ruifeng'],
  ['中科', 'zhongke'],
  ['新航', 'xinhang'],
  ['博源', 'boyuan'],
  ['金桥', 'jinqiao'],
  ['汇通', 'huitong'],
  ['嘉禾', 'jiahe'],
  ['宏图', 'hongtu'],
  ['远景', 'yuanjing'],
  ['科达', 'keda'],
  ['东方', 'dongfang'],
  ['盛世', 'shengshi'],
  ['海纳', 'haina'],
  ['星辰', 'xingchen'],
] as const;

/** Trade words: Chinese, English, and the industry a card records (some of them the default rules' targets). */
export const TRADES = [
  { zh: '精密制造', en: 'Precision Manufacturing', industry: { zh: '制造', en: 'manufacturing' }, slug: 'mfg' },
  { zh: '软件', en: 'Software', industry: { zh: '软件', en: 'software' }, slug: 'soft' },
  { zh: '信息科技', en: 'Technology', industry: { zh: '科技', en: 'technology' }, slug: 'tech' },
  { zh: '医疗器械', en: 'Medical Devices', industry: { zh: '医疗', en: 'healthcare' }, slug: 'med' },
  { zh: '融资租赁', en: 'Capital', industry: { zh: '金融', en: 'finance' }, slug: 'cap' },
  { zh: '物流', en: 'Logistics', industry: { zh: '物流', en: 'logistics' }, slug: 'logi' },
  { zh: '食品', en: 'Foods', industry: { zh: '食品', en: 'food' }, slug: 'food' },
  { zh: '建材', en: 'Building Materials', industry: { zh: '建材', en: 'construction' }, slug: 'build' },
  { zh: '新能源', en: 'Energy', industry: { zh: '能源', en: 'energy' }, slug: 'energy' },
  { zh: '教育咨询', en: 'Learning', industry: { zh: '教育', en: 'education' }, slug: 'edu' },
] as const;

export const ZH_SUFFIXES = ['有限公司', '股份有限公司', '有限责任公司', '集团有限公司'] as const;

export const EN_PLACES = [
  { region: 'Shanghai', city: 'Shanghai', country: '+86', area: '21' },
  { region: 'Beijing', city: 'Beijing', country: '+86', area: '10' },
  { region: 'Guangdong', city: 'Shenzhen', country: '+86', area: '755' },
  { region: 'Hong Kong', city: 'Hong Kong', country: '+852', area: '' },
  { region: 'Singapore', city: 'Singapore', country: '+65', area: '' },
  { region: 'California', city: 'San Jose', country: '+1', area: '408' },
  { region: 'England', city: 'London', country: '+44', area: '20' },
  { region: 'Bavaria', city: 'Munich', country: '+49', area: '89' },
] as const;

export const EN_BRANDS = [
  'Northwind',
  'Bluepeak',
  'Harbor',
  'Ironwood',
  'Silverline',
  'Summit',
  'Crescent',
  'Evergreen',
  'Granite',
  'Lakeside',
  'Redwood',
  'Brightpath',
  'Keystone',
  'Meridian',
  'Oakridge',
  'Pioneer',
] as const;

export const EN_SUFFIXES = ['Inc', 'Ltd', 'LLC', 'GmbH', 'Pte Ltd', 'Co'] as const;

export const ZH_SURNAMES = [
  ['王', 'wang'],
  ['李', 'li'],
  ['张', 'zhang'],
  ['刘', 'liu'],
  ['陈', 'chen'],
  ['杨', 'yang'],
  ['赵', 'zhao'],
  ['黄', 'huang'],
  ['周', 'zhou'],
  ['吴', 'wu'],
  ['徐', 'xu'],
  ['孙', 'sun'],
  ['欧阳', 'ouyang'],
] as const;
export const ZH_GIVEN = [
  ['伟', 'wei'],
  ['芳', 'fang'],
  ['娜', 'na'],
  ['敏', 'min'],
  ['静', 'jing'],
  ['强', 'qiang'],
  ['磊', 'lei'],
  ['洋', 'yang'],
  ['艳', 'yan'],
  ['建国', 'jianguo'],
  ['晓明', 'xiaoming'],
  ['丽华', 'lihua'],
  ['志强', 'zhiqiang'],
  ['海燕', 'haiyan'],
] as const;

export const EN_FIRST = ['James', 'Emily', 'Michael', 'Sarah', 'David', 'Laura', 'Daniel', 'Grace', 'Thomas', 'Hannah'];
export const EN_LAST = ['Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson', 'Clarke', 'Müller', 'Tan', 'Wong', 'Patel'];

/** Titles by seniority (the lead score's title tiers read them), Chinese and English. */
export const TITLES: Record<
  Market,
  readonly (readonly [string, 'decision-maker' | 'influencer' | 'user' | 'gatekeeper'])[]
> = {
  zh: [
    ['总经理', 'decision-maker'],
    ['副总经理', 'decision-maker'],
    ['采购总监', 'influencer'],
    ['技术部部长', 'influencer'],
    ['采购经理', 'influencer'],
    ['IT主管', 'user'],
    ['工程师', 'user'],
    ['行政助理', 'gatekeeper'],
  ],
  en: [
    ['CEO', 'decision-maker'],
    ['Vice President, Operations', 'decision-maker'],
    ['Procurement Director', 'influencer'],
    ['Head of IT', 'influencer'],
    ['Purchasing Manager', 'influencer'],
    ['Team Lead, Facilities', 'user'],
    ['Engineer', 'user'],
    ['Office Assistant', 'gatekeeper'],
  ],
};

export const PRODUCTS = [
  'CRM 年度订阅 / CRM subscription',
  '实施服务 / Implementation',
  '培训 / Training',
  '硬件 / Hardware',
];

export const ACTIVITY_SUMMARIES: Record<Market, Record<'call' | 'email' | 'visit' | 'note', readonly string[]>> = {
  zh: {
    call: ['电话沟通需求', '电话跟进报价', '确认下次拜访时间'],
    email: ['发送产品资料', '回复技术问题', '发送报价单'],
    visit: ['上门拜访，演示产品', '面访采购部', '与技术团队交流方案'],
    note: ['客户预算下季度确定', '竞争对手也在接触', '决策人出差，两周后再联系'],
  },
  en: {
    call: ['Discovery call', 'Followed up on the quote', 'Confirmed the next visit'],
    email: ['Sent the product sheet', 'Answered technical questions', 'Sent the quote'],
    visit: ['On-site demo', 'Met the purchasing team', 'Workshop with their engineers'],
    note: ['Budget is decided next quarter', 'A competitor is talking to them too', 'Decision maker travelling'],
  },
};

export const COMPETITORS = ['Salesforce', '纷享销客', '销售易', 'HubSpot', 'Zoho'];
export const LOST_REASONS = ['价格 / price', '选择了竞争对手 / chose a competitor', '项目取消 / project cancelled'];
export const DISQUALIFY_REASONS = ['无预算 / no budget', '非目标行业 / not our market', '联系不上 / unreachable'];
