import type { ScoringRules } from './rules';

/** The default rule set: the numbers of DESIGN §4–§6 and the 客户管理 textbooks they come from. */
export const DEFAULT_RULES: ScoringRules = {
  leadScore: {
    fit: {
      title: {
        // First match wins: deputies (副总经理, Vice President) before the chiefs whose words they contain.
        tiers: [
          {
            id: 'vice-president',
            keywords: [
              '副总',
              '副总裁',
              '副总经理',
              '副董事长',
              'VP',
              'SVP',
              'EVP',
              'Vice President',
              'Deputy General Manager',
            ],
            points: 12,
          },
          {
            id: 'executive',
            keywords: [
              '总经理',
              '总裁',
              '董事长',
              '董事',
              '首席',
              '创始人',
              '老板',
              'CEO',
              'CFO',
              'COO',
              'CTO',
              'CIO',
              'President',
              'Founder',
              'Chairman',
              'Managing Director',
              'General Manager',
            ],
            points: 15,
          },
          { id: 'director', keywords: ['总监', '部长', 'Director', 'Head of', 'Head'], points: 10 },
          { id: 'manager', keywords: ['经理', 'Manager'], points: 7 },
          { id: 'supervisor', keywords: ['主管', '组长', '主任', 'Supervisor', 'Team Lead', 'Lead'], points: 4 },
        ],
      },
      companySize: {
        bands: [
          { minEmployees: 1000, points: 10 },
          { minEmployees: 200, points: 8 },
          { minEmployees: 50, points: 5 },
          { minEmployees: 10, points: 2 },
        ],
      },
      industry: {
        targets: [
          'manufacturing',
          'software',
          'technology',
          'finance',
          'healthcare',
          '制造',
          '软件',
          '科技',
          '金融',
          '医疗',
        ],
        points: 8,
      },
      region: {
        targets: ['广东', '江苏', '浙江', '上海', '北京', 'Guangdong', 'Jiangsu', 'Zhejiang', 'Shanghai', 'Beijing'],
        points: 7,
      },
      budget: {
        bands: [
          { min: 500_000, points: 10 },
          { min: 100_000, points: 7 },
          { min: 10_000, points: 3 },
        ],
      },
    },
    engagement: {
      recency: { maxPoints: 20, halfLifeDays: 14, activityTypes: ['capture', 'email', 'call', 'visit'] },
      windowDays: 30,
      counts: [
        { type: 'email', pointsEach: 2, maxPoints: 8 },
        { type: 'visit', pointsEach: 4, maxPoints: 12 },
      ],
      source: {
        // A referral (客户推荐) closes 3–5× more often than a cold lead: 10 points against 2–3 for web and lists.
        points: {
          referral: 10,
          'trade-show': 6,
          visit: 5,
          'service-call': 5,
          'sales-record': 4,
          email: 3,
          'e-commerce': 3,
          'ad-response': 3,
          web: 2,
          directory: 2,
          other: 0,
        },
      },
    },
    bands: { hot: 70, warm: 40 },
  },
  // 甲: aware, matching need, ≥100k of a ≥500k budget.
  qualification: { strongMatch: ['high'], budgetTotalMin: 500_000, budgetMatchingMin: 100_000 },
  // R5 ≤ 7 days, R4 8–30, R3 31–60, R2 61–120, R1 > 120; F and M over the last 12 months.
  rfm: { recencyDays: [7, 30, 60, 120], windowMonths: 12 },
  // 顶尖 1%, 主要 4%, 普通 15%, 小 80%; top and major customers get personalised service.
  pyramid: { topPercent: 1, majorPercent: 4, ordinaryPercent: 15, windowMonths: 12, personalised: ['top', 'major'] },
  abc: { aPercent: 80, bPercent: 95 },
  // 大客户: trailing-12-month revenue ≥ 1,000,000, or a contract of ≥ 1 year at ≥ 500,000 a year, or strategic.
  keyAccount: { revenueMin: 1_000_000, windowMonths: 12, contractMinMonths: 12, largeOrderAnnualValue: 500_000 },
  credit: {
    // Character (willingness to pay) weighs most; collateral least, as trade credit rarely takes security.
    weights: { character: 25, capacity: 20, capital: 15, collateral: 10, conditions: 15, continuity: 15 },
    limitBands: [
      { minScore: 80, monthsOfRevenue: 3 },
      { minScore: 60, monthsOfRevenue: 2 },
      { minScore: 40, monthsOfRevenue: 1 },
    ],
    windowMonths: 12,
  },
  loyalty: {
    satisfactionMax: 40,
    repeatPurchase: { high: 30, medium: 15, low: 0 },
    referral: { likely: 15, maybe: 7, unlikely: 0 },
    repeatBehaviour: { pointsEach: 5, maxPoints: 15, windowMonths: 12 },
  },
  churnRisk: { shrink: { months: 6, ratio: 0.5 }, complaints: { windowDays: 90, minCount: 2 } },
  // 公海: 30 days without the owner's follow-up for a lead, 90 for a customer; at most 500 owned leads.
  ownership: { leadLapseDays: 30, customerLapseDays: 90, maxOwnedLeads: 500 },
  stages: {
    steps: [
      { stage: 'development', probability: 10, gate: 'projectInfo' },
      { stage: 'initiation', probability: 20, gate: 'presalesApproved' },
      { stage: 'proposal', probability: 40, gate: 'decisionMakersReached' },
      { stage: 'bidding', probability: 60, gate: 'bidSubmitted' },
      { stage: 'negotiation', probability: 80, gate: 'contractSigned' },
      { stage: 'implementation', probability: 100, gate: 'accepted' },
    ],
    lostProbability: 0,
    stuckAfterDays: 14,
  },
};
