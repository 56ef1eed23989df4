import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { DataPointsTable } from './tables.ts';
import { refreshTargetStatuses } from './target-statuses.ts';
import { frameworkPack } from '../../platform/framework-packs.ts';
import { nowIso, todayIso } from '../../platform/time.ts';
import { recordAudit } from '../../platform/audit.ts';
import {
  financialYear,
  financialYearOf,
  lastCompletedQuarter,
  previousQuarter,
  quartersBetween,
  type Period,
} from '../../domain/periods.ts';

/**
 * The demo place's Local Area Agreement: 28 targets across the four blocks, each with
 * five years of quarterly figures, some on track, some at risk or off track, some with
 * no recent data. Dates are placed relative to the day the demo is loaded, so the
 * dashboard always shows a live agreement; given the same day, the figures are always
 * the same (a seeded generator, no randomness).
 */

type Scenario =
  /** Improving faster than planned. */
  | 'ahead'
  /** Improving about as planned. */
  | 'on-plan'
  /** Improving, but not quite fast enough: at risk. */
  | 'slipping'
  /** Getting worse: off track. */
  | 'worsening'
  /** Not moving: off track. */
  | 'flat'
  /** Already beyond the final target. */
  | 'met-early'
  /** A new indicator: no figures at all yet. */
  | 'no-data'
  /** Figures stopped two years ago. */
  | 'stale'
  /** Improving, but the latest quarter has not been returned yet, so it lags: at risk. */
  | 'awaiting-return';

export interface DemoTarget {
  code: string;
  unit: string;
  block: string;
  prioritySlug: string;
  partnershipSlug: string;
  lead: string;
  contributors: string[];
  baseline: number;
  /** The improvement planned over the agreement, in the indicator's units (signed). */
  change: number;
  scenario: Scenario;
  reward: boolean;
  /** Also published for every ward, so the dashboard's ward filter has figures. */
  wards?: boolean;
  /** The target is for one ward (narrowing the gap). */
  ward?: string;
  provisionalLatest?: boolean;
  /** Quarters with a suppressed value (counts too small to publish), counted back from the latest. */
  suppressed?: number[];
}

const children = 'children-young-people';
const safer = 'safer-stronger';
const healthier = 'healthier-older-people';
const economy = 'economic-development';

/** The targets, their leads (named partners) and what the figures do. Organisations by slug. */
export const demoTargets: DemoTarget[] = [
  // Children and young people
  {
    code: 'NI 56',
    unit: '%',
    block: children,
    prioritySlug: 'children-and-young-people-get-the-best-start',
    partnershipSlug: 'kelmsfield-childrens-trust-board',
    lead: 'kelmsfield-primary-care-trust',
    contributors: ['kelmsfield-borough-council', 'lantern-youth-trust'],
    baseline: 19.8,
    change: -1.5,
    scenario: 'slipping',
    reward: false,
    wards: true,
  },
  {
    code: 'NI 110',
    unit: '%',
    block: children,
    prioritySlug: 'children-and-young-people-get-the-best-start',
    partnershipSlug: 'kelmsfield-childrens-trust-board',
    lead: 'kelmsfield-borough-council',
    contributors: ['lantern-youth-trust', 'kelmsfield-youth-council'],
    baseline: 64.2,
    change: 5,
    scenario: 'ahead',
    reward: false,
  },
  {
    code: 'NI 111',
    unit: 'per 100,000 aged 10–17',
    block: children,
    prioritySlug: 'children-and-young-people-get-the-best-start',
    partnershipSlug: 'kelmsfield-childrens-trust-board',
    lead: 'kelmsfield-youth-offending-team',
    contributors: ['brackenshire-constabulary', 'lantern-youth-trust'],
    baseline: 1420,
    change: -180,
    scenario: 'on-plan',
    reward: true,
  },
  {
    code: 'NI 112',
    unit: 'per 1,000 girls aged 15–17',
    block: children,
    prioritySlug: 'children-and-young-people-get-the-best-start',
    partnershipSlug: 'teenage-pregnancy-partnership-board',
    lead: 'kelmsfield-primary-care-trust',
    contributors: ['kelmsfield-borough-council', 'brindlemoor-high-school'],
    baseline: 38.6,
    change: -6,
    scenario: 'worsening',
    reward: true,
    wards: true,
  },
  {
    code: 'NI 117',
    unit: '%',
    block: children,
    prioritySlug: 'children-and-young-people-get-the-best-start',
    partnershipSlug: '14-19-partnership',
    lead: 'brackenshire-learning-and-skills-council',
    contributors: ['kelmsfield-college', 'kelmsfield-borough-council'],
    baseline: 7.9,
    change: -1.4,
    scenario: 'on-plan',
    reward: true,
    wards: true,
  },
  {
    code: 'NI 75',
    unit: '%',
    block: children,
    prioritySlug: 'children-and-young-people-get-the-best-start',
    partnershipSlug: 'kelmsfield-childrens-trust-board',
    lead: 'kelmsfield-borough-council',
    contributors: ['brindlemoor-high-school'],
    baseline: 46.5,
    change: 6,
    scenario: 'met-early',
    reward: false,
  },
  {
    code: 'NI 72',
    unit: '%',
    block: children,
    prioritySlug: 'children-and-young-people-get-the-best-start',
    partnershipSlug: 'kelmsfield-childrens-trust-board',
    lead: 'kelmsfield-borough-council',
    contributors: ['st-aldrics-church-of-england-primary-school'],
    baseline: 48.1,
    change: 4,
    scenario: 'no-data',
    reward: false,
  },

  // Safer and stronger communities
  {
    code: 'NI 16',
    unit: 'per 1,000 people',
    block: safer,
    prioritySlug: 'safer-stronger-communities',
    partnershipSlug: 'safer-kelmsfield-partnership',
    lead: 'brackenshire-constabulary',
    contributors: ['kelmsfield-borough-council', 'brackenshire-probation-trust'],
    baseline: 16.4,
    change: -2.2,
    scenario: 'ahead',
    reward: true,
    wards: true,
  },
  {
    code: 'NI 20',
    unit: 'per 1,000 people',
    block: safer,
    prioritySlug: 'safer-stronger-communities',
    partnershipSlug: 'safer-kelmsfield-partnership',
    lead: 'brackenshire-constabulary',
    contributors: ['kelmsfield-hospitals-nhs-trust', 'kelmsfield-borough-council'],
    baseline: 8.1,
    change: -0.9,
    scenario: 'awaiting-return',
    reward: true,
    wards: true,
  },
  {
    code: 'NI 15',
    unit: 'per 1,000 people',
    block: safer,
    prioritySlug: 'safer-stronger-communities',
    partnershipSlug: 'safer-kelmsfield-partnership',
    lead: 'brackenshire-constabulary',
    contributors: ['kelmsfield-borough-council'],
    baseline: 0.92,
    change: -0.12,
    scenario: 'on-plan',
    reward: false,
    provisionalLatest: true,
  },
  {
    code: 'NI 30',
    unit: '%',
    block: safer,
    prioritySlug: 'safer-stronger-communities',
    partnershipSlug: 'safer-kelmsfield-partnership',
    lead: 'brackenshire-probation-trust',
    contributors: ['brackenshire-constabulary', 'kelmsfield-recovery-project'],
    baseline: 32.5,
    change: -4,
    scenario: 'flat',
    reward: true,
  },
  {
    code: 'NI 32',
    unit: '%',
    block: safer,
    prioritySlug: 'safer-stronger-communities',
    partnershipSlug: 'domestic-violence-forum',
    lead: 'brackenshire-constabulary',
    contributors: ['kelmsfield-domestic-abuse-service'],
    baseline: 27,
    change: -3,
    scenario: 'slipping',
    reward: false,
    suppressed: [3],
  },
  {
    code: 'NI 40',
    unit: 'people in treatment',
    block: safer,
    prioritySlug: 'safer-stronger-communities',
    partnershipSlug: 'drug-and-alcohol-action-team',
    lead: 'kelmsfield-primary-care-trust',
    contributors: ['kelmsfield-recovery-project', 'brackenshire-probation-trust'],
    baseline: 612,
    change: 60,
    scenario: 'on-plan',
    reward: true,
  },
  {
    code: 'NI 1',
    unit: '%',
    block: safer,
    prioritySlug: 'people-get-on-and-have-a-say',
    partnershipSlug: 'stronger-communities-partnership',
    lead: 'kelmsfield-borough-council',
    contributors: ['kelmsfield-interfaith-forum', 'kelmsfield-race-equality-council'],
    baseline: 74,
    change: 4,
    scenario: 'stale',
    reward: false,
  },
  {
    code: 'NI 6',
    unit: '%',
    block: safer,
    prioritySlug: 'people-get-on-and-have-a-say',
    partnershipSlug: 'stronger-communities-partnership',
    lead: 'kelmsfield-borough-council',
    contributors: ['kelmsfield-volunteer-centre', 'kelmsfield-council-for-voluntary-service'],
    baseline: 21.5,
    change: 3,
    scenario: 'ahead',
    reward: false,
  },

  // Healthier communities and older people
  {
    code: 'NI 39',
    unit: 'per 100,000 people',
    block: healthier,
    prioritySlug: 'healthier-lives-narrower-gaps',
    partnershipSlug: 'health-and-wellbeing-partnership',
    lead: 'kelmsfield-primary-care-trust',
    contributors: ['kelmsfield-hospitals-nhs-trust', 'kelmsfield-recovery-project'],
    baseline: 1790,
    change: -150,
    scenario: 'worsening',
    reward: true,
    wards: true,
  },
  {
    code: 'NI 123',
    unit: 'per 100,000 adults',
    block: healthier,
    prioritySlug: 'healthier-lives-narrower-gaps',
    partnershipSlug: 'tobacco-control-alliance',
    lead: 'kelmsfield-primary-care-trust',
    contributors: ['kelmsfield-wellbeing-network'],
    baseline: 980,
    change: 120,
    scenario: 'on-plan',
    reward: true,
  },
  {
    code: 'NI 120',
    unit: 'per 100,000 people',
    block: healthier,
    prioritySlug: 'healthier-lives-narrower-gaps',
    partnershipSlug: 'health-and-wellbeing-partnership',
    lead: 'kelmsfield-primary-care-trust',
    contributors: ['kelmsfield-borough-council'],
    baseline: 712,
    change: -40,
    scenario: 'slipping',
    reward: false,
    wards: true,
  },
  {
    code: 'NI 125',
    unit: '%',
    block: healthier,
    prioritySlug: 'independence-in-later-life',
    partnershipSlug: 'older-peoples-partnership-board',
    lead: 'kelmsfield-borough-council',
    contributors: ['kelmsfield-hospitals-nhs-trust', 'kelmsfield-older-peoples-forum'],
    baseline: 78.5,
    change: 4,
    scenario: 'ahead',
    reward: false,
  },
  {
    code: 'NI 135',
    unit: '%',
    block: healthier,
    prioritySlug: 'independence-in-later-life',
    partnershipSlug: 'older-peoples-partnership-board',
    lead: 'kelmsfield-borough-council',
    contributors: ['kelmsfield-carers-centre'],
    baseline: 18.2,
    change: 6,
    scenario: 'flat',
    reward: true,
  },
  {
    code: 'NI 141',
    unit: '%',
    block: healthier,
    prioritySlug: 'decent-homes-for-everyone',
    partnershipSlug: 'supporting-people-commissioning-body',
    lead: 'kelmsfield-borough-council',
    contributors: ['dallowmere-housing-association', 'kelmsfield-homes'],
    baseline: 66,
    change: 5,
    scenario: 'no-data',
    reward: false,
  },

  // Economic development and enterprise
  {
    code: 'NI 151',
    unit: '%',
    block: economy,
    prioritySlug: 'a-thriving-local-economy',
    partnershipSlug: 'kelmsfield-economic-partnership',
    lead: 'jobcentre-plus-kelmsfield-district',
    contributors: ['kelmsfield-chamber-of-commerce', 'kelmsfield-borough-council'],
    baseline: 70.4,
    change: 2,
    scenario: 'on-plan',
    reward: true,
    wards: true,
  },
  {
    code: 'NI 152',
    unit: '%',
    block: economy,
    prioritySlug: 'a-thriving-local-economy',
    partnershipSlug: 'worklessness-and-skills-board',
    lead: 'jobcentre-plus-kelmsfield-district',
    contributors: ['kelmsfield-advice-centre', 'kelmsfield-college'],
    baseline: 24.8,
    change: -3,
    scenario: 'slipping',
    reward: true,
    ward: 'harlowen',
  },
  {
    code: 'NI 163',
    unit: '%',
    block: economy,
    prioritySlug: 'a-thriving-local-economy',
    partnershipSlug: 'worklessness-and-skills-board',
    lead: 'brackenshire-learning-and-skills-council',
    contributors: ['kelmsfield-college', 'university-of-brackenshire'],
    baseline: 68.9,
    change: 3.5,
    scenario: 'met-early',
    reward: false,
  },
  {
    code: 'NI 171',
    unit: 'per 10,000 adults',
    block: economy,
    prioritySlug: 'a-thriving-local-economy',
    partnershipSlug: 'kelmsfield-economic-partnership',
    lead: 'kelmsfield-borough-council',
    contributors: ['kelmsfield-small-business-forum', 'kelmsfield-chamber-of-commerce'],
    baseline: 41,
    change: 5,
    scenario: 'worsening',
    reward: false,
  },
  {
    code: 'NI 186',
    unit: '%',
    block: economy,
    prioritySlug: 'a-greener-cleaner-kelmsfield',
    partnershipSlug: 'sustainable-kelmsfield-partnership',
    lead: 'kelmsfield-borough-council',
    contributors: ['environment-agency-brackenshire-area', 'greenway-kelmsfield'],
    baseline: 9.5,
    change: 3,
    scenario: 'on-plan',
    reward: true,
  },
  {
    code: 'NI 192',
    unit: '%',
    block: economy,
    prioritySlug: 'a-greener-cleaner-kelmsfield',
    partnershipSlug: 'sustainable-kelmsfield-partnership',
    lead: 'kelmsfield-borough-council',
    contributors: ['greenway-kelmsfield'],
    baseline: 38.2,
    change: 6,
    scenario: 'worsening',
    reward: false,
    provisionalLatest: true,
  },
  {
    code: 'NI 154',
    unit: 'homes a year',
    block: economy,
    prioritySlug: 'decent-homes-for-everyone',
    partnershipSlug: 'kelmsfield-housing-partnership',
    lead: 'kelmsfield-borough-council',
    contributors: ['kelmsfield-homes', 'dallowmere-housing-association'],
    baseline: 410,
    change: 90,
    scenario: 'stale',
    reward: false,
  },
];

/** A small, seeded generator: the same code gives the same wobble every time. */
function seeded(text: string): () => number {
  let state = [...text].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619), 2166136261) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The agreement's years: last year, this year and next (financial years, by starting year). */
export function demoAgreementYears(today: string): { first: number; last: number } {
  const current = financialYearOf(today);
  return { first: current - 1, last: current + 1 };
}

export interface DemoSeries {
  period: Period;
  value: number | null;
  provisional: boolean;
  note: string | null;
}

/**
 * Five years of quarterly figures ending with the last quarter that has ended. Quarters
 * after the baseline move by the scenario's share of the planned change per quarter.
 */
export function demoSeries(target: DemoTarget, today: string, salt = ''): DemoSeries[] {
  if (target.scenario === 'no-data') return [];
  const { first, last } = demoAgreementYears(today);
  const baselineEnd = financialYear(first - 1).end;
  let end = lastCompletedQuarter(today);
  if (target.scenario === 'awaiting-return') end = previousQuarter(end);
  let start = end;
  for (let i = 0; i < 19; i++) start = previousQuarter(start);
  if (target.scenario === 'stale') {
    for (let i = 0; i < 8; i++) end = previousQuarter(end);
  }
  const quarters = quartersBetween(start, end);
  const plannedQuarters = 4 * (last - first + 1);
  const perQuarter = target.change / plannedQuarters;
  const pace: Record<Scenario, number> = {
    ahead: 1.35,
    'on-plan': 1.12,
    slipping: 0.85,
    worsening: -0.5,
    flat: 0,
    'met-early': 3.4,
    'no-data': 0,
    stale: 1,
    'awaiting-return': 0.85,
  };
  const random = seeded(target.code + salt);
  const wobble = Math.abs(perQuarter) * 0.35;
  const decimals = demoDecimals(target.baseline);
  const round = (n: number) => Number(n.toFixed(decimals));
  const afterBaseline = quarters.filter((q) => q.end > baselineEnd).length;
  return quarters.map((period, index) => {
    const sinceBaseline = index - (quarters.length - afterBaseline) + 1;
    // Before the agreement the line drifts gently; after it, the scenario's pace.
    const trend =
      sinceBaseline > 0
        ? perQuarter * pace[target.scenario] * sinceBaseline
        : perQuarter * 0.1 * sinceBaseline;
    const value = round(target.baseline + trend + (random() - 0.5) * 2 * wobble);
    const back = quarters.length - 1 - index;
    const suppressed = target.suppressed?.includes(back) ?? false;
    return {
      period,
      value: suppressed ? null : value,
      provisional: back === 0 && (target.provisionalLatest ?? false),
      note: suppressed ? 'Suppressed: fewer than 5 cases' : null,
    };
  });
}

/** Loads the agreement, its indicators, targets and figures. Runs once, after the strategy's demo. */
export async function loadPerformanceDemo(db: Kysely<Database>): Promise<void> {
  const today = todayIso();
  const pack = frameworkPack('england-lsp-2006');
  const { first, last } = demoAgreementYears(today);
  await db.transaction().execute(async (trx) => {
    const now = nowIso();
    const stamp = { created_at: now, updated_at: now };
    const idOf = async (table: 'organisations' | 'partnerships' | 'areas', slug: string) => {
      const t = trx as unknown as Kysely<Record<string, { id: number; slug: string }>>;
      const row = await t.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirst();
      if (!row) throw new Error(`Demo data: no ${table} with slug ${slug}`);
      return row.id;
    };
    const adoptedPriorities = await trx
      .selectFrom('priorities')
      .innerJoin('strategy_versions', 'strategy_versions.id', 'priorities.strategy_version_id')
      .select(['priorities.id', 'priorities.slug'])
      .where('strategy_versions.status', '=', 'adopted')
      .execute();
    const priorityId = (slug: string) => {
      const found = adoptedPriorities.find((p) => p.slug === slug);
      if (!found) throw new Error(`Demo data: no adopted priority ${slug}`);
      return found.id;
    };
    const place = await trx
      .selectFrom('areas')
      .select(['id'])
      .where('slug', '=', 'kelmsfield')
      .executeTakeFirstOrThrow();
    const wards = await trx
      .selectFrom('areas')
      .select(['id', 'slug'])
      .where('kind', '=', 'ward')
      .orderBy('name')
      .execute();

    // The national indicator set, then quarterly reporting for the ones with targets.
    const codes = new Map<string, number>();
    for (const item of pack.indicators.set) {
      const demo = demoTargets.find((t) => t.code === item.code);
      if (demo && demo.change < 0 !== (item.polarity === 'lower'))
        throw new Error(`Demo data: the planned change for ${item.code} goes the wrong way for its polarity`);
      const values = {
        code: item.code,
        title: item.title,
        definition: null,
        unit: demo?.unit ?? item.unit ?? null,
        polarity: item.polarity ?? 'higher',
        frequency: demo ? 'quarter' : 'financial_year',
        source: demo ? 'Partner returns, quarterly' : pack.indicators.name,
        area_kinds: JSON.stringify(demo?.wards || demo?.ward ? ['unitary', 'ward'] : ['unitary']),
        ...stamp,
      };
      const { id } = await trx
        .insertInto('indicators')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow();
      codes.set(item.code, id);
    }

    const board = await idOf('partnerships', 'kelmsfield-partnership-board');
    const { id: agreementId } = await trx
      .insertInto('agreements')
      .values({
        name: `Kelmsfield Local Area Agreement ${first}–${last + 1}`,
        slug: 'kelmsfield-local-area-agreement',
        partnership_id: board,
        first_year: first,
        last_year: last,
        status: 'signed_off',
        signed_off_on: financialYear(first).start,
        ...stamp,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, null, {
      entityType: 'agreement',
      entityId: agreementId,
      action: 'created',
      summary: 'Loaded the demo Local Area Agreement',
    });

    const points: Insertable<DataPointsTable>[] = [];
    for (const target of demoTargets) {
      const indicatorId = codes.get(target.code)!;
      const areaId = target.ward ? await idOf('areas', target.ward) : place.id;
      const { id: targetId } = await trx
        .insertInto('targets')
        .values({
          agreement_id: agreementId,
          indicator_id: indicatorId,
          block: target.block,
          priority_id: priorityId(target.prioritySlug),
          partnership_id: await idOf('partnerships', target.partnershipSlug),
          area_id: areaId,
          baseline_value: target.baseline,
          baseline_period: financialYear(first - 1).code,
          lead_organisation_id: await idOf('organisations', target.lead),
          reward_bearing: target.reward ? 1 : 0,
          sign_off_status: target.scenario === 'no-data' ? 'agreed' : 'signed_off',
          notes: null,
          ...stamp,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (let year = first; year <= last; year++) {
        const share = (year - first + 1) / (last - first + 1);
        const decimals = demoDecimals(target.baseline);
        await trx
          .insertInto('target_years')
          .values({
            target_id: targetId,
            year,
            value: Number((target.baseline + target.change * share).toFixed(decimals)),
          })
          .execute();
      }
      for (const slug of target.contributors)
        await trx
          .insertInto('target_contributors')
          .values({ target_id: targetId, organisation_id: await idOf('organisations', slug) })
          .execute();

      const areas = [
        { id: areaId, salt: '' },
        ...(target.wards ? wards.map((w) => ({ id: w.id, salt: w.slug })) : []),
      ];
      for (const area of areas)
        for (const s of demoSeries(target, today, area.salt))
          points.push({
            indicator_id: indicatorId,
            area_id: area.id,
            period: s.period.code,
            period_kind: s.period.kind,
            period_start: s.period.start,
            period_end: s.period.end,
            value: s.value === null ? null : area.salt ? wardValue(s.value, area.salt) : s.value,
            lower_ci: null,
            upper_ci: null,
            numerator: null,
            denominator: null,
            provisional: s.provisional ? 1 : 0,
            note: s.note,
            source: 'Demo data',
            import_id: null,
            recorded_by: null,
            ...stamp,
          });
    }
    for (let i = 0; i < points.length; i += 200) {
      await trx
        .insertInto('data_points')
        .values(points.slice(i, i + 200))
        .execute();
    }
    await refreshTargetStatuses(trx, 'all');
  });
}

/** Wards differ from the place as a whole: each is above or below it by its own steady share. */
function wardValue(value: number, wardSlug: string): number {
  const random = seeded(wardSlug);
  const factor = 0.75 + random() * 0.5;
  return Number((value * factor).toFixed(demoDecimals(value)));
}

/** Figures as they are published: whole numbers for large values, more places for small ones. */
function demoDecimals(size: number): number {
  const magnitude = Math.abs(size);
  return magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2;
}
