import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { addMonths, lastCompletedQuarter } from '../../domain/periods.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { addDays } from './ccfa-workflow.ts';
import { createCcfaServices } from './ccfa-service.ts';
import { partnerRecords, type PartnerRecordSet } from './partner-records.ts';
import { createProtocolServices } from './protocols-service.ts';
import * as repo from './repository.ts';

/** The accountability module's use cases: each checks permission, validates, and writes in one transaction with its audit entry. */
export function createAccountabilityServices(db: Kysely<Database>) {
  const protocols = createProtocolServices(db);
  const ccfa = createCcfaServices(db);

  /** The twelve months to today, both ends included. */
  const lastYear = (today: string) => ({ from: addDays(addMonths(today, -12), 1), to: today });

  const targetLabel = (t: repo.TargetRow) =>
    `${t.indicator_code} ${t.indicator_title}${t.area_kind === 'ward' ? ` (${t.area_name})` : ''}`;

  /** A partner's attendance and returns as the pages and the download show them. */
  function standing(records: PartnerRecordSet, today: string) {
    const reporting = lastCompletedQuarter(today);
    const current = records.returns.quarters.find((q) => q.quarter.code === reporting.code) ?? null;
    const judged = records.returns.quarters.filter(
      (q) => q.quarter.code !== reporting.code && q.state !== 'nothing_due',
    );
    return {
      attendance: records.attendance,
      returns: {
        ...records.returns,
        /** Quarters whose return window has closed, with something due. */
        judged: judged.length,
        judgedMade: judged.filter((q) => q.state === 'made').length,
        current,
        reporting,
      },
    };
  }

  /** Every named partner with the targets it leads and contributes to, its attendance and its returns. */
  async function namedPartners(today: string) {
    const partners = await repo.namedPartners(db);
    const ids = partners.map((p) => p.id);
    const window = lastYear(today);
    const [records, targets, contributors] = await Promise.all([
      partnerRecords(db, { organisationIds: ids, ...window, today }),
      repo.targetsWithIndicators(db),
      repo.contributorsOf(db, ids),
    ]);
    return {
      window,
      partners: partners.map((p) => ({
        ...p,
        leads: targets
          .filter((t) => t.lead_organisation_id === p.id)
          .map((t) => ({ id: t.id, name: targetLabel(t) })),
        contributesTo: targets
          .filter((t) => contributors.some((c) => c.target_id === t.id && c.organisation_id === p.id))
          .map((t) => ({ id: t.id, name: targetLabel(t) })),
        ...standing(records.get(p.id)!, today),
      })),
    };
  }

  /** One named partner: its targets, attendance at each partnership, returns by quarter, agreements and calls for action about it. */
  async function namedPartner(slug: string, today: string) {
    const partner = await repo.findNamedPartner(db, slug);
    if (!partner) throw new NotFoundError('named partner');
    const window = lastYear(today);
    const [records, targets, contributors, partnerships, agreements, cases] = await Promise.all([
      partnerRecords(db, { organisationIds: [partner.id], ...window, today }),
      repo.targetsWithIndicators(db),
      repo.contributorsOf(db, [partner.id]),
      repo.listPartnerships(db),
      protocols.commitmentsOf(partner.id, today),
      ccfa.register(today, partner.id),
    ]);
    const found = records.get(partner.id)!;
    return {
      partner,
      window,
      leads: targets
        .filter((t) => t.lead_organisation_id === partner.id)
        .map((t) => ({ id: t.id, name: targetLabel(t) })),
      contributesTo: targets
        .filter((t) => contributors.some((c) => c.target_id === t.id))
        .map((t) => ({ id: t.id, name: targetLabel(t) })),
      ...standing(found, today),
      // Only the partnerships that met: a seat on one that held no meetings says nothing about attendance.
      byPartnership: [...found.byPartnership.entries()]
        .filter(([, tally]) => tally.meetingsHeld > 0)
        .map(([id, tally]) => ({ partnership: partnerships.find((p) => p.id === id)!, ...tally }))
        .sort((a, b) => a.partnership.name.localeCompare(b.partnership.name)),
      agreements,
      cases: cases.cases,
    };
  }

  /** The landing page: agreements, named partners and calls for action, with what is overdue. */
  async function overview(today: string) {
    const [agreements, partners, register] = await Promise.all([
      protocols.list(),
      repo.namedPartners(db),
      ccfa.register(today),
    ]);
    return {
      agreements: {
        total: agreements.length,
        agreed: agreements.filter((a) => a.status === 'agreed').length,
      },
      namedPartners: partners.length,
      ccfa: register.counts,
      overdue: register.cases.filter((c) => c.next?.overdue),
    };
  }

  return { protocols, ccfa, namedPartners, namedPartner, overview };
}

export type AccountabilityServices = ReturnType<typeof createAccountabilityServices>;
