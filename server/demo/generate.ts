import { uuidv7 } from '../../shared/id/uuidv7';
import type { Mutation } from '../../shared/schema/sync/mutation';
import type { Role } from '../db/storage';
import {
  ACTIVITY_SUMMARIES,
  COMPETITORS,
  DISQUALIFY_REASONS,
  EN_BRANDS,
  EN_FIRST,
  EN_LAST,
  EN_PLACES,
  EN_SUFFIXES,
  LOST_REASONS,
  type Market,
  PRODUCTS,
  TITLES,
  TRADES,
  ZH_BRANDS,
  ZH_CITIES,
  ZH_GIVEN,
  ZH_SUFFIXES,
  ZH_SURNAMES,
} from './names';
import { Prng } from './prng';

const DAY = 86_400_000;

/** A demo user: the sales team of the demo company (two teams, a manager each). */
export type DemoUser = { name: string; role: Role; team: string | null; market: Market };

/** East sells mostly to Chinese companies, West mostly to foreign ones. */
export const DEMO_USERS: readonly DemoUser[] = [
  { name: 'wang.fang', role: 'manager', team: 'East', market: 'zh' },
  { name: 'li.lei', role: 'rep', team: 'East', market: 'zh' },
  { name: 'zhang.wei', role: 'rep', team: 'East', market: 'zh' },
  { name: 'chen.jing', role: 'rep', team: 'East', market: 'zh' },
  { name: 'emma.hart', role: 'manager', team: 'West', market: 'en' },
  { name: 'james.lee', role: 'rep', team: 'West', market: 'en' },
  { name: 'olivia.chen', role: 'rep', team: 'West', market: 'en' },
  { name: 'noah.smith', role: 'rep', team: 'West', market: 'en' },
];

/** One rep's pushes, in order: what their extension would have sent over a year. */
export type DemoBatch = { user: string; mutations: Mutation[] };

export type DemoDataset = {
  users: readonly DemoUser[];
  batches: DemoBatch[];
  /** Leads the team released to the public pool (公海) afterwards. */
  pool: string[];
  counts: Record<'account' | 'contact' | 'activity' | 'opportunity' | 'transaction' | 'complaint' | 'survey', number>;
};

export type DemoOptions = { seed: number; accounts: number; now: Date };

/** Open stages weighted so the board has a funnel's shape: many early, few late. */
const STAGES = [
  ['development', 30],
  ['initiation', 20],
  ['proposal', 18],
  ['bidding', 12],
  ['negotiation', 8],
  ['implementation', 7],
  ['lost', 5],
] as const;
const GATES = [
  'projectInfo',
  'presalesApproved',
  'decisionMakersReached',
  'bidSubmitted',
  'contractSigned',
  'accepted',
];
const STAGE_ORDER = ['development', 'initiation', 'proposal', 'bidding', 'negotiation', 'implementation'];
const SOURCES = [
  ['web', 20],
  ['email', 12],
  ['referral', 10],
  ['trade-show', 12],
  ['directory', 8],
  ['ad-response', 8],
  ['service-call', 5],
  ['e-commerce', 5],
  ['sales-record', 5],
  ['visit', 8],
  ['other', 7],
] as const;
const COMPLAINT_STEPS = [
  'recorded',
  'validity-judged',
  'assigned',
  'cause-found',
  'solution-proposed',
  'approved',
  'carried-out',
  'customer-notified',
  'feedback',
  'closed',
] as const;

/**
 * The demo dataset (`leadcard seed --demo`): `accounts` companies, half Chinese half English, owned by the reps
 * of two teams, with a year of activities, transactions, opportunities in every stage, complaints and surveys.
 * The same seed and `now` give the same records, ids included.
 */
export function demoDataset(options: DemoOptions): DemoDataset {
  const random = new Prng(options.seed);
  const nowMs = options.now.getTime();
  const reps = DEMO_USERS.filter((user) => user.role === 'rep');
  const perRep = new Map<string, Omit<Mutation, 'seq' | 'hlc'>[]>(reps.map((rep) => [rep.name, []]));
  const counts: DemoDataset['counts'] = {
    account: 0,
    contact: 0,
    activity: 0,
    opportunity: 0,
    transaction: 0,
    complaint: 0,
    survey: 0,
  };
  const pool: string[] = [];
  const usedNames = new Set<string>();
  const idAt = (ms: number) => uuidv7(ms, (n) => random.bytes(n));
  const iso = (ms: number) => new Date(ms).toISOString();
  const dayMs = (daysAgo: number) => nowMs - daysAgo * DAY - random.int(0, 10 * 3_600_000);

  for (let n = 0; n < options.accounts; n++) {
    const rep = reps[n % reps.length] as DemoUser;
    const market: Market = random.chance(0.8) ? rep.market : rep.market === 'zh' ? 'en' : 'zh';
    const status = random.weighted([
      ['customer', 45],
      ['lead', 45],
      ['lost', 10],
    ] as const);
    // A hot prospect: a big company of a target trade, a referral, an executive contact, visited this month.
    const hot = status !== 'lost' && random.chance(status === 'lead' ? 0.22 : 0.12);
    const trade = hot ? random.pick(TRADES.slice(0, 5)) : random.pick(TRADES);
    const company = companyOf(random, market, trade, usedNames, hot);
    const out = perRep.get(rep.name) as Omit<Mutation, 'seq' | 'hlc'>[];
    // Customers have a year of history; leads are recent, some gone quiet.
    const ageDays = status === 'lead' ? random.int(3, 150) : random.int(200, 365);
    const createdMs = dayMs(ageDays);
    const accountId = idAt(createdMs);
    counts.account++;
    const leadStatus =
      status === 'lead'
        ? random.weighted([
            ['new', 25],
            ['contacted', 35],
            ['qualified', 30],
            ['disqualified', 10],
          ] as const)
        : 'converted';
    const aware = hot || random.chance(status === 'lead' ? 0.6 : 0.9);
    const budgetTotal = random.pick(hot ? [600_000, 1_200_000, 3_000_000] : [50_000, 200_000, 600_000, 1_200_000]);
    const annual = status === 'customer' && random.chance(0.12) ? random.pick([600_000, 800_000, 1_500_000]) : 0;
    out.push({
      entity: 'account',
      id: accountId,
      op: 'upsert',
      fields: {
        name: company.name,
        kind: 'business',
        category: random.chance(0.85) ? 'customer' : 'trader',
        channelRole: random.chance(0.85) ? 'end' : 'intermediary',
        status,
        leadStatus,
        disqualifyReason: leadStatus === 'disqualified' ? random.pick(DISQUALIFY_REASONS) : null,
        domains: [company.domain],
        website: `https://www.${company.domain}/`,
        industry: trade.industry[market],
        employees: random.pick(hot ? [450, 1800, 6000] : [8, 30, 120, 450, 1800]),
        region: company.region,
        address: company.address,
        phones: [company.phone],
        source: hot ? random.pick(['referral', 'trade-show'] as const) : random.weighted(SOURCES),
        tags: random.chance(0.3) ? [market === 'zh' ? '重点跟进' : 'follow-up'] : [],
        features: {},
        business: {
          budget: budgetTotal,
          competitors: random.chance(0.4) ? [random.pick(COMPETITORS)] : [],
        },
        needs: {
          aware,
          match: aware
            ? random.pick(hot ? (['high', 'high', 'medium'] as const) : (['high', 'medium', 'low'] as const))
            : 'none',
          budgetTotal,
          budgetMatching: Math.round(budgetTotal * random.pick([0.1, 0.25, 0.5])),
        },
        contract: annual
          ? {
              start: iso(dayMs(random.int(30, 200))),
              end: iso(nowMs + random.int(200, 500) * DAY),
              annualValue: annual,
            }
          : {},
        strategic: status === 'customer' && random.chance(0.03),
        credit:
          status === 'customer'
            ? {
                character: random.int(2, 5),
                capacity: random.int(2, 5),
                capital: random.int(1, 5),
                collateral: random.int(1, 5),
                conditions: random.int(2, 5),
                continuity: random.int(2, 5),
              }
            : {},
        currency: 'CNY',
      },
    });

    // Contacts: one to three, the first primary.
    const contactIds: string[] = [];
    for (let c = 0, k = random.int(1, 3); c < k; c++) {
      const person = personOf(random, market, company.domain);
      const [title, buyingRole] = (hot && c === 0 ? TITLES[market][0] : random.pick(TITLES[market])) ?? ['', 'user'];
      const id = idAt(createdMs + c);
      contactIds.push(id);
      counts.contact++;
      out.push({
        entity: 'contact',
        id,
        op: 'upsert',
        fields: {
          accountId,
          name: person.name,
          title,
          emails: [person.email],
          phones: [person.mobile],
          social: [],
          buyingRole: c === 0 && random.chance(0.2) ? 'coach' : buyingRole,
          isPrimary: c === 0,
          provenance: {},
        },
      });
    }

    // Activities: a capture at creation, then follow-ups; a lead gone quiet stops early (cold), a hot one is recent.
    const quietDays = hot
      ? 0
      : status === 'lead'
        ? random.pick([2, 10, 45, 90])
        : status === 'lost'
          ? 150
          : random.int(5, 40);
    const followUps = status === 'lead' ? random.int(1, 6) : random.int(6, 24);
    const activityTimes = [createdMs];
    for (let a = 0; a < followUps; a++) {
      const span = Math.max(1, ageDays - quietDays);
      activityTimes.push(dayMs(quietDays + random.int(0, span)));
    }
    const recent: number[] = [];
    if (hot) for (let a = random.int(4, 7); a > 0; a--) recent.push(dayMs(random.int(0, Math.min(25, ageDays))));
    activityTimes.push(...recent);
    activityTimes.sort((x, y) => x - y);
    for (const [a, at] of activityTimes.entries()) {
      if (at < createdMs) continue;
      const type =
        a === 0
          ? 'capture'
          : recent.includes(at)
            ? random.pick(['email', 'visit'] as const)
            : random.weighted([
                ['call', 4],
                ['email', 4],
                ['visit', 2],
                ['note', 1],
              ] as const);
      const isLast = a === activityTimes.length - 1;
      const next =
        isLast && status !== 'lost' && random.chance(0.4)
          ? {
              at: iso(nowMs + random.int(1, 14) * DAY),
              place: market === 'zh' ? `${company.city}客户办公室` : `${company.city} office`,
              purpose: market === 'zh' ? '方案汇报' : 'Proposal review',
            }
          : null;
      counts.activity++;
      out.push({
        entity: 'activity',
        id: idAt(at),
        op: 'upsert',
        fields: {
          accountId,
          contactId: random.pick(contactIds),
          type,
          at: iso(at),
          by: rep.name,
          summary:
            type === 'capture'
              ? market === 'zh'
                ? `从官网收录 ${company.name}`
                : `Clipped ${company.name} from their site`
              : random.pick(ACTIVITY_SUMMARIES[market][type]),
          body: null,
          source: type === 'capture' ? `https://www.${company.domain}/contact` : null,
          next,
        },
      });
    }

    // Transactions: customers buy over the year (a few large ones are key accounts); lost ones stopped long ago.
    if (status !== 'lead') {
      const big = random.chance(0.06);
      const purchases = status === 'lost' ? random.int(1, 4) : random.int(1, big ? 18 : 10);
      for (let t = 0; t < purchases; t++) {
        const daysAgo = status === 'lost' ? random.int(130, 360) : random.int(1, 360);
        const at = dayMs(daysAgo);
        const base = big ? random.int(80_000, 300_000) : random.int(2_000, 60_000);
        counts.transaction++;
        out.push({
          entity: 'transaction',
          id: idAt(at),
          op: 'upsert',
          fields: {
            accountId,
            at: iso(at),
            amount: Math.round(base / 100) * 100,
            currency: 'CNY',
            product: random.pick(PRODUCTS),
            paidAt: random.chance(0.8) ? iso(Math.min(nowMs, at + random.int(10, 75) * DAY)) : null,
          },
        });
      }
    }

    // Opportunities: for customers (upsell) and qualified or contacted leads, in every stage.
    const wantsDeal =
      (status === 'customer' && random.chance(0.5)) ||
      (status === 'lead' && (leadStatus === 'qualified' || (leadStatus === 'contacted' && random.chance(0.4))));
    if (wantsDeal) {
      for (let o = 0, k = random.chance(0.25) ? 2 : 1; o < k; o++) {
        const stage = random.weighted(STAGES);
        const reached = stage === 'lost' ? random.int(0, 3) : STAGE_ORDER.indexOf(stage);
        const gates: Record<string, boolean> = {};
        for (let g = 0; g < reached; g++) gates[GATES[g] as string] = true;
        const at = dayMs(random.int(1, Math.min(ageDays, 200)));
        counts.opportunity++;
        out.push({
          entity: 'opportunity',
          id: idAt(at),
          op: 'upsert',
          fields: {
            accountId,
            name:
              market === 'zh'
                ? `${company.short}${random.pick(['CRM项目', '二期扩容', '年度采购'])}`
                : `${company.short} ${random.pick(['CRM rollout', 'phase 2', 'annual renewal'])}`,
            amount: random.pick([80_000, 150_000, 300_000, 500_000, 900_000, 1_600_000]),
            currency: 'CNY',
            stage,
            expectedClose: iso(stage === 'lost' ? at + 30 * DAY : nowMs + random.int(-10, 120) * DAY),
            needs: null,
            schedule: null,
            budget: budgetTotal,
            decisionMakers: [],
            competition: random.chance(0.5) ? random.pick(COMPETITORS) : null,
            criteria: [],
            grade: random.pick(['A', 'B', 'B', 'C', 'D'] as const),
            lostReason: stage === 'lost' ? random.pick(LOST_REASONS) : null,
            gates,
            stageOverride: null,
          },
        });
      }
    }

    // Complaints and surveys (customers only).
    if (status !== 'lead' && random.chance(0.12)) {
      for (let k = 0, m = random.int(1, 3); k < m; k++) {
        const at = dayMs(random.int(2, 200));
        const step = random.pick(COMPLAINT_STEPS);
        const reachedStep = COMPLAINT_STEPS.indexOf(step);
        counts.complaint++;
        out.push({
          entity: 'complaint',
          id: idAt(at),
          op: 'upsert',
          fields: {
            accountId,
            at: iso(at),
            channel: random.pick(['phone', 'email', 'visit']),
            category: random.pick(['product-quality', 'service-attitude', 'facilities', 'other'] as const),
            summary:
              market === 'zh'
                ? random.pick(['系统响应慢', '实施人员迟到', '发票开错'])
                : random.pick(['Slow system', 'Late engineer', 'Wrong invoice']),
            step,
            valid: reachedStep >= 1 ? true : null,
            responsibleDept: reachedStep >= 2 ? (market === 'zh' ? '客服部' : 'Support') : null,
            responsiblePerson: reachedStep >= 2 ? (market === 'zh' ? '王工' : 'Sam Lee') : null,
            cause: null,
            solution: null,
            approvedBy: reachedStep >= 5 ? rep.name : null,
            notifiedAt: reachedStep >= 7 ? iso(Math.min(nowMs, at + 5 * DAY)) : null,
            satisfied: reachedStep >= 8 ? random.chance(0.7) : null,
            closedAt: step === 'closed' ? iso(Math.min(nowMs, at + 9 * DAY)) : null,
          },
        });
      }
    }
    if (status === 'customer' && random.chance(0.3)) {
      const at = dayMs(random.int(5, 180));
      counts.survey++;
      out.push({
        entity: 'survey',
        id: idAt(at),
        op: 'upsert',
        fields: {
          accountId,
          at: iso(at),
          satisfaction: random.int(2, 5),
          repeatPurchase: random.pick(['high', 'medium', 'low'] as const),
          referral: random.pick(['likely', 'maybe', 'unlikely'] as const),
        },
      });
    }
    if (status === 'lead' && leadStatus !== 'qualified' && random.chance(0.15)) pool.push(accountId);
  }

  const batches: DemoBatch[] = [];
  for (const [user, mutations] of perRep) {
    // Every mutation is written now (the sync HLC is the write time, not the activity's date).
    let wall = nowMs;
    let counter = 0;
    const hlcOf = () => {
      if (counter > 99_999) {
        wall++;
        counter = 0;
      }
      return `${String(wall).padStart(15, '0')}:${String(counter++).padStart(5, '0')}:demo-${user.replace('.', '-')}`;
    };
    batches.push({ user, mutations: mutations.map((m, i) => ({ ...m, seq: i + 1, hlc: hlcOf() }) as Mutation) });
  }
  return { users: DEMO_USERS, batches, pool, counts };
}

type Company = {
  name: string;
  short: string;
  domain: string;
  region: string;
  city: string;
  address: string;
  phone: string;
};

function companyOf(
  random: Prng,
  market: Market,
  trade: (typeof TRADES)[number],
  used: Set<string>,
  targetRegion: boolean,
): Company {
  for (let attempt = 0; ; attempt++) {
    const serial = attempt > 20 ? String(attempt) : '';
    if (market === 'zh') {
      const place = random.pick(targetRegion ? ZH_CITIES.slice(0, 8) : ZH_CITIES);
      const [brand, pinyin] = random.pick(ZH_BRANDS);
      const name = `${place.city}${brand}${trade.zh}${serial}${random.pick(ZH_SUFFIXES)}`;
      if (used.has(name)) continue;
      used.add(name);
      const local = String(random.int(2000_0000, 8999_9999));
      return {
        name,
        short: brand,
        domain: `${pinyin}-${trade.slug}${serial}.cn`,
        region: place.region,
        city: place.city,
        address: `${place.region === place.city ? '' : `${place.region}省`}${place.city}市科技园路${random.int(1, 300)}号`,
        phone: `+86${place.area}${local}`,
      };
    }
    const place = random.pick(targetRegion ? EN_PLACES.slice(0, 3) : EN_PLACES);
    const brand = random.pick(EN_BRANDS);
    const name = `${brand} ${trade.en}${serial ? ` ${serial}` : ''} ${random.pick(EN_SUFFIXES)}`;
    if (used.has(name)) continue;
    used.add(name);
    const digits = String(random.int(2000_0000, 9999_9999));
    return {
      name,
      short: brand,
      domain: `${brand.toLowerCase()}-${trade.slug}${serial}.com`,
      region: place.region,
      city: place.city,
      address: `${random.int(1, 999)} ${random.pick(['Market St', 'Harbour Rd', 'Park Ave', 'King St'])}, ${place.city}`,
      phone: `${place.country}${place.area}${digits}`,
    };
  }
}

function personOf(random: Prng, market: Market, domain: string): { name: string; email: string; mobile: string } {
  const mobile = `+861${random.pick(['3', '5', '8'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`;
  if (market === 'zh') {
    const [surname, surnamePinyin] = random.pick(ZH_SURNAMES);
    const [given, givenPinyin] = random.pick(ZH_GIVEN);
    return { name: `${surname}${given}`, email: `${givenPinyin}.${surnamePinyin}@${domain}`, mobile };
  }
  const first = random.pick(EN_FIRST);
  const last = random.pick(EN_LAST);
  const ascii = last.normalize('NFD').replace(/[^A-Za-z]/g, '');
  return { name: `${first} ${last}`, email: `${first}.${ascii}@${domain}`.toLowerCase(), mobile };
}
