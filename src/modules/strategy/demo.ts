import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { nowIso, todayIso } from '../../platform/time.ts';
import { recordAudit } from '../../platform/audit.ts';
import { addMonths } from '../../domain/periods.ts';

/**
 * The demo place's Sustainable Community Strategy: a vision, eight priorities each owned
 * by a thematic partnership and tagged with the components of a sustainable community,
 * links to the plans it has regard to, and its lifecycle. Dates are set back from the day
 * the demo is loaded, so the annual refresh is always just overdue (a flag on the home page).
 */

export interface DemoPriority {
  title: string;
  slug: string;
  description: string;
  owner: string;
  components: string[];
  dimensions: string[];
}

export const demoPriorities: DemoPriority[] = [
  {
    title: 'Safer, stronger communities',
    slug: 'safer-stronger-communities',
    description:
      'Less crime and anti-social behaviour, less harm from drugs and alcohol, and fewer people hurt by domestic abuse.',
    owner: 'safer-kelmsfield-partnership',
    components: ['active-inclusive-safe'],
    dimensions: ['social'],
  },
  {
    title: 'Children and young people get the best start',
    slug: 'children-and-young-people-get-the-best-start',
    description: 'Every child healthy, safe, achieving at school and moving on to work, training or study.',
    owner: 'kelmsfield-childrens-trust-board',
    components: ['well-served', 'fair-for-everyone'],
    dimensions: ['social', 'economic'],
  },
  {
    title: 'Healthier lives, narrower gaps',
    slug: 'healthier-lives-narrower-gaps',
    description:
      'Longer, healthier lives, and a smaller gap in life expectancy between the most and least deprived wards.',
    owner: 'health-and-wellbeing-partnership',
    components: ['well-served', 'fair-for-everyone'],
    dimensions: ['social'],
  },
  {
    title: 'Independence and wellbeing in later life',
    slug: 'independence-in-later-life',
    description:
      'Older people and carers supported to live independently, at home, for as long as they wish.',
    owner: 'older-peoples-partnership-board',
    components: ['well-served', 'active-inclusive-safe'],
    dimensions: ['social'],
  },
  {
    title: 'A thriving local economy with skills and jobs for local people',
    slug: 'a-thriving-local-economy',
    description: 'More people in work, more new businesses, and residents of every ward sharing in growth.',
    owner: 'kelmsfield-economic-partnership',
    components: ['thriving', 'well-connected'],
    dimensions: ['economic'],
  },
  {
    title: 'A greener, cleaner Kelmsfield',
    slug: 'a-greener-cleaner-kelmsfield',
    description: 'Lower carbon emissions, less waste, more recycling and better green spaces.',
    owner: 'sustainable-kelmsfield-partnership',
    components: ['environmentally-sensitive', 'well-designed-built'],
    dimensions: ['environmental'],
  },
  {
    title: 'Decent homes for everyone',
    slug: 'decent-homes-for-everyone',
    description:
      'More affordable homes, fewer people homeless, and vulnerable people helped to live independently.',
    owner: 'kelmsfield-housing-partnership',
    components: ['well-designed-built', 'fair-for-everyone'],
    dimensions: ['social', 'economic'],
  },
  {
    title: 'A place where people get on and have a say',
    slug: 'people-get-on-and-have-a-say',
    description:
      'People from different backgrounds getting on well, volunteering, and influencing decisions about their area.',
    owner: 'stronger-communities-partnership',
    components: ['active-inclusive-safe', 'well-run'],
    dimensions: ['social'],
  },
];

export const demoVision =
  'By 2034 Kelmsfield will be a safe, healthy and prosperous borough where people of every background get on well together, every child has the best start, and residents of every ward share in a greener, growing economy.';

export async function loadStrategyDemo(db: Kysely<Database>): Promise<void> {
  const today = todayIso();
  await db.transaction().execute(async (trx) => {
    const now = nowIso();
    const stamp = { created_at: now, updated_at: now };
    const partnership = async (slug: string) =>
      (await trx.selectFrom('partnerships').select('id').where('slug', '=', slug).executeTakeFirstOrThrow())
        .id;
    const board = await partnership('kelmsfield-partnership-board');
    const adopted = addMonths(today, -30);
    const { id: strategyId } = await trx
      .insertInto('strategies')
      .values({
        name: 'Kelmsfield Together',
        slug: 'kelmsfield-together',
        partnership_id: board,
        framework: 'england-lsp-2006',
        current_stage: 'refresh-and-renew',
        adopted_on: addMonths(today, -66),
        // Refreshed 14 months ago: the annual refresh is two months overdue.
        last_refreshed_on: addMonths(today, -14),
        last_reviewed_on: adopted,
        ends_on: '2034-03-31',
        ...stamp,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const { id: firstVersion } = await trx
      .insertInto('strategy_versions')
      .values({
        strategy_id: strategyId,
        number: 1,
        title: 'Kelmsfield Together: our Sustainable Community Strategy',
        vision:
          'A safe, healthy and prosperous Kelmsfield where every neighbourhood shares in the borough’s success.',
        status: 'superseded',
        adopted_on: addMonths(today, -66),
        ...stamp,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { id: secondVersion } = await trx
      .insertInto('strategy_versions')
      .values({
        strategy_id: strategyId,
        number: 2,
        title: 'Kelmsfield Together: our Sustainable Community Strategy (three-yearly review)',
        vision: demoVision,
        status: 'adopted',
        adopted_on: adopted,
        ...stamp,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    // The first version had six of the eight priorities; the review added two and carried the rest.
    for (const [index, p] of demoPriorities.entries()) {
      const values = {
        title: p.title,
        slug: p.slug,
        description: p.description,
        owning_partnership_id: await partnership(p.owner),
        components: JSON.stringify(p.components),
        dimensions: JSON.stringify(p.dimensions),
        ...stamp,
      };
      let carriedFrom: number | null = null;
      if (index < 6) {
        const { id } = await trx
          .insertInto('priorities')
          .values({
            ...values,
            strategy_version_id: firstVersion,
            position: index + 1,
            carried_from_id: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        carriedFrom = id;
      }
      await trx
        .insertInto('priorities')
        .values({
          ...values,
          strategy_version_id: secondVersion,
          position: index + 1,
          carried_from_id: carriedFrom,
        })
        .execute();
    }

    const links = [
      ['Regional Spatial Strategy for the Midshires', 'regional', null, 'has_regard_to'],
      ['Brackenshire Sub-regional Economic Strategy', 'sub_regional', null, 'has_regard_to'],
      [
        'Kelmsfield Local Development Framework: Core Strategy',
        'local_development_framework',
        null,
        'regarded_by',
      ],
      ['Safer Kelmsfield Partnership Plan', 'thematic', 'safer-kelmsfield-partnership', 'regarded_by'],
      ["Children and Young People's Plan", 'thematic', 'kelmsfield-childrens-trust-board', 'regarded_by'],
    ] as const;
    for (const [title, kind, owner, direction] of links)
      await trx
        .insertInto('plan_links')
        .values({
          strategy_version_id: secondVersion,
          title,
          kind,
          url: null,
          partnership_id: owner ? await partnership(owner) : null,
          direction,
          created_at: now,
        })
        .execute();

    const stages = ['baseline', 'evidence', 'local-area-agreement', 'revised-action-plan', 'strategy'];
    for (const [index, stage] of stages.entries())
      await trx
        .insertInto('strategy_stages')
        .values({
          strategy_id: strategyId,
          stage,
          completed_on: addMonths(today, -40 + index * 2),
          note: null,
          completed_by: null,
          created_at: now,
        })
        .execute();

    await recordAudit(trx, null, {
      entityType: 'strategy',
      entityId: strategyId,
      action: 'created',
      summary: 'Loaded the demo Sustainable Community Strategy',
    });
  });
}
