import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../domain/permissions.ts';
import {
  balanceAgainstPopulation,
  sourcesOf,
  type Balance,
  type BalanceWords,
} from '../../domain/balance-of-voice.ts';
import {
  equalityDimensions,
  equalityQuestions,
  notAnswered,
  preferNotToSay,
  reportingGroupLabel,
  reportingGroupOf,
  type EqualityDimension,
} from '../../domain/equality-monitoring.ts';
import { sectors, sectorNames } from '../../domain/vocabulary.ts';
import { ConflictError, ValidationError, type FieldErrors } from '../../platform/errors.ts';
import { readDecimal } from '../../platform/forms.ts';
import { authorise, formVersion } from '../../platform/service-rules.ts';
import { recordAudit } from '../../platform/audit.ts';
import { readSettings, writeSetting } from '../../platform/settings.ts';
import { uncountedReasons } from './forms.ts';
import * as repo from './repository.ts';

/** Where the place records the share of its residents in each equality group. */
const sharesSetting = 'engagement_population_shares';
const sharesVersionSetting = 'engagement_population_shares_version';

/** Percentages of residents by equality group: { age: { '16_to_24': 10.5, … }, … }. */
export type PopulationShares = Partial<Record<EqualityDimension, Record<string, number>>>;

export const sources = ['all', 'ideas', 'surveys'] as const;
export type Source = (typeof sources)[number];
export const sourceNames: Record<Source, { heading: string; noun: string }> = {
  all: { heading: 'All input', noun: 'ideas, concerns and survey responses' },
  ideas: { heading: 'Ideas and concerns', noun: 'ideas and concerns' },
  surveys: { heading: 'Survey responses', noun: 'survey responses' },
};

/** The equality population shares' form field for a group: "age.16_to_24". */
export const shareField = (dimension: EqualityDimension, group: string) => `${dimension}.${group}`;

/** A dimension's shares must add up to 100, give or take rounding. */
const roundingAllowance = 0.5;

export async function readPopulationShares(db: Kysely<Database> | Transaction<Database>) {
  const settings = await readSettings(db);
  let shares: PopulationShares = {};
  try {
    shares = JSON.parse(settings.get(sharesSetting) ?? '{}') as PopulationShares;
  } catch {
    // A broken value is ignored, never fatal: the form shows it as not recorded.
  }
  return { shares, version: Number(settings.get(sharesVersionSetting) ?? 1) };
}

/** Where the partnership's input came from, against the place's residents. */
export function createBalanceServices(db: Kysely<Database>) {
  async function input(source: Source) {
    const ideas =
      source === 'surveys'
        ? []
        : await db
            .selectFrom('engagement_ideas')
            .select(['ward_id', 'writing_as', 'group_sector', 'age_band', 'sex', 'ethnicity', 'disability'])
            // Spam and repeats are not voices; everything else sent in is, published or not.
            .where((eb) =>
              eb.or([eb('status', '!=', 'rejected'), eb('rejection_reason', 'not in', uncountedReasons)]),
            )
            .execute();
    const responses =
      source === 'ideas'
        ? []
        : await db
            .selectFrom('engagement_survey_responses')
            .innerJoin('engagement_surveys', 'engagement_surveys.id', 'engagement_survey_responses.survey_id')
            .select([
              'engagement_survey_responses.ward_id',
              'engagement_survey_responses.age_band',
              'engagement_survey_responses.sex',
              'engagement_survey_responses.ethnicity',
              'engagement_survey_responses.disability',
            ])
            .where('engagement_surveys.status', '=', 'published')
            .execute();
    return [
      ...ideas,
      ...responses.map((r) => ({ ...r, writing_as: 'individual', group_sector: null as string | null })),
    ];
  }

  async function balance(source: Source) {
    const [rows, areas, { shares }] = await Promise.all([
      input(source),
      repo.wardsAndNeighbourhoods(db),
      readPopulationShares(db),
    ]);
    const noun = sourceNames[source].noun;
    const wards = areas.filter((a) => a.kind === 'ward');
    // A ward's share of residents: only when every ward's population is recorded, or the shares would not add up.
    const everyWardCounted = wards.length > 0 && wards.every((w) => (w.population ?? 0) > 0);
    const residents = wards.reduce((sum, w) => sum + (w.population ?? 0), 0);
    const byWard = balanceAgainstPopulation(
      wards.map((w) => ({
        key: String(w.id),
        label: w.name,
        who: w.name,
        populationShare: everyWardCounted ? w.population! / residents : null,
        count: rows.filter((r) => r.ward_id === w.id).length,
      })),
      [{ key: notAnswered, label: 'No ward given', count: rows.filter((r) => r.ward_id === null).length }],
      { noun, verb: 'has' },
    );

    const sourceRows = sourcesOf([
      {
        key: 'individual',
        label: 'Residents writing for themselves',
        count: rows.filter((r) => r.writing_as !== 'group').length,
      },
      ...sectors.map((sector) => ({
        key: sector,
        label: `Groups: ${sectorNames[sector].toLowerCase()}`,
        count: rows.filter((r) => r.writing_as === 'group' && r.group_sector === sector).length,
      })),
    ]);

    const column = { age: 'age_band', sex: 'sex', ethnicity: 'ethnicity', disability: 'disability' } as const;
    const equality = equalityDimensions.map((dimension) => {
      const question = equalityQuestions[dimension];
      const groupOf = (r: (typeof rows)[number]) => reportingGroupOf(dimension, r[column[dimension]]);
      const recorded = shares[dimension];
      const words: BalanceWords = {
        noun,
        base: `those who told us ${question.noun}`,
        countNoun: `who told us ${question.noun}`,
        verb: 'are',
      };
      const result: Balance = balanceAgainstPopulation(
        question.groups.map((g) => ({
          key: g.code,
          label: g.label,
          who: g.who,
          populationShare: typeof recorded?.[g.code] === 'number' ? recorded[g.code]! / 100 : null,
          count: rows.filter((r) => groupOf(r) === g.code).length,
        })),
        [preferNotToSay, notAnswered].map((code) => ({
          key: code,
          label: reportingGroupLabel(dimension, code),
          count: rows.filter((r) => groupOf(r) === code).length,
        })),
        words,
      );
      return { dimension, heading: question.heading, ...result };
    });

    return {
      source,
      sourceName: sourceNames[source],
      total: rows.length,
      byWard,
      wardsCounted: everyWardCounted,
      sources: sourceRows,
      equality,
      findings: [...byWard.findings, ...equality.flatMap((e) => e.findings)],
    };
  }

  // ---- the population shares the place records

  async function sharesPage(actor: Actor | null) {
    authorise(actor, 'place:manage');
    const [{ shares, version }, areas] = await Promise.all([
      readPopulationShares(db),
      repo.wardsAndNeighbourhoods(db),
    ]);
    const values: Record<string, unknown> = { version };
    for (const dimension of equalityDimensions)
      for (const group of equalityQuestions[dimension].groups) {
        const value = shares[dimension]?.[group.code];
        values[shareField(dimension, group.code)] = value === undefined ? '' : String(value);
      }
    return { values, wards: areas.filter((a) => a.kind === 'ward'), shares };
  }

  async function saveShares(actor: Actor | null, input: unknown) {
    authorise(actor, 'place:manage');
    const body = (input ?? {}) as Record<string, unknown>;
    const expected = formVersion(body);
    const errors: FieldErrors = {};
    const next: PopulationShares = {};
    for (const dimension of equalityDimensions) {
      const question = equalityQuestions[dimension];
      const given: Record<string, number> = {};
      for (const group of question.groups) {
        const field = shareField(dimension, group.code);
        const raw = typeof body[field] === 'string' ? (body[field] as string).trim() : '';
        if (raw === '') continue;
        const n = readDecimal(raw);
        if (n === null || n < 0 || n > 100)
          errors[field] =
            `The share of residents for ${group.label.toLowerCase()} must be a percentage from 0 to 100, like 12.5`;
        else given[group.code] = Math.round(n * 10) / 10;
      }
      const filled = Object.keys(given).length;
      if (filled === 0) continue;
      const sum = Object.values(given).reduce((s, n) => s + n, 0);
      const first = shareField(dimension, question.groups[0]!.code);
      if (filled < question.groups.length && !Object.keys(errors).some((f) => f.startsWith(`${dimension}.`)))
        errors[first] =
          `Enter the share of residents for every group under “${question.heading}”, or leave them all blank`;
      else if (Math.abs(sum - 100) > roundingAllowance && !(first in errors))
        errors[first] =
          `The ${question.heading.toLowerCase()} shares add up to ${Math.round(sum * 10) / 10}%: they must add up to 100%`;
      next[dimension] = given;
    }
    if (Object.keys(errors).length) throw new ValidationError(errors);
    await db.transaction().execute(async (trx) => {
      const { shares: before, version } = await readPopulationShares(trx);
      if (version !== expected) {
        const current: Record<string, unknown> = { version };
        for (const dimension of equalityDimensions)
          for (const group of equalityQuestions[dimension].groups)
            current[shareField(dimension, group.code)] = before[dimension]?.[group.code] ?? null;
        const last = await trx
          .selectFrom('audit_entries')
          .select(['actor_name', 'occurred_at'])
          .where('entity_type', '=', 'engagement_population_shares')
          .orderBy('id', 'desc')
          .executeTakeFirst();
        throw new ConflictError(current, last ? { name: last.actor_name, at: last.occurred_at } : null);
      }
      await writeSetting(trx, sharesSetting, JSON.stringify(next));
      await writeSetting(trx, sharesVersionSetting, String(version + 1));
      await recordAudit(trx, actor, {
        entityType: 'engagement_population_shares',
        entityId: 1,
        action: 'updated',
        summary: 'Changed the share of residents in each equality group',
        before,
        after: next,
      });
    });
  }

  return { balance, sharesPage, saveShares };
}

/** Sets the population shares without a form (the demo). */
export async function writePopulationShares(db: Kysely<Database>, shares: PopulationShares): Promise<void> {
  await writeSetting(db, sharesSetting, JSON.stringify(shares));
  await writeSetting(db, sharesVersionSetting, '1');
}

export type BalanceServices = ReturnType<typeof createBalanceServices>;
