import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { can, type Actor } from '../../domain/permissions.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { parseForm } from '../../platform/forms.ts';
import {
  authorise,
  formVersion,
  mustBeInList,
  partnershipLine,
  partnershipLines,
} from '../../platform/service-rules.ts';
import { historyEntries, recordAudit, type HistoryEntry } from '../../platform/audit.ts';
import { formatPounds } from '../../platform/money.ts';
import { formatDate, nowIso, todayIso } from '../../platform/time.ts';
import { updateWithVersion } from '../../platform/versioned.ts';
import {
  formatAmount,
  obligationCompliance,
  obligationKindNames,
  termsInWords,
  type Compliance,
  type ComplianceState,
  type Contribution,
  type ObligationKind,
} from './compliance.ts';
import {
  contributionForm,
  obligationForm,
  protocolForm,
  protocolStatusNames,
  type ObligationFormValues,
  type ProtocolFormValues,
  type ProtocolStatus,
} from './forms.ts';
import { partnerRecords } from './partner-records.ts';
import * as repo from './repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

const historyFieldNames: Record<string, string> = {
  partnership_id: 'partnership',
  title: 'name',
  starts_on: 'starts on',
  ends_on: 'ends on',
  status: 'status',
  agreed_on: 'agreed on',
  body: 'text',
  organisation_id: 'partner',
  kind: 'commitment',
  target_percent: 'share (%)',
  amount_pence: 'money',
  staff_fte: 'staff time (FTE)',
  description: 'description',
  contributed_on: 'date of the contribution',
  resources: 'resources',
  note: 'note',
  recorder_name: 'recorded by',
};
const hiddenHistoryFields = new Set(['protocol_id', 'recorded_by']);

/** A contribution as compliance reads it. */
const asContribution = (c: repo.ContributionRow): Contribution => ({
  on: c.contributed_on,
  amountPence: c.amount_pence,
  staffFte: c.staff_fte,
  resources: c.resources,
});

/** Partnership agreements: the agreements, what each partner commits to, their contributions and whether each is met. */
export function createProtocolServices(db: Kysely<Database>) {
  const scopeOf = async (dbx: Db, partnershipId: number) => ({
    partnershipLine: await partnershipLine(dbx, partnershipId),
  });

  async function protocolById(id: number) {
    const protocol = await repo.findProtocol(db, id);
    if (!protocol) throw new NotFoundError('agreement');
    return protocol;
  }

  /** The agreement, if this person may manage it (the forms ask before showing). */
  async function protocolFor(actor: Actor | null, id: number) {
    const protocol = await protocolById(id);
    authorise(actor, 'protocols:manage');
    if (!can(actor, 'protocols:manage', await scopeOf(db, protocol.partnership_id)))
      throw new ForbiddenError();
    return protocol;
  }

  async function mayManage(actor: Actor | null, protocol: { partnership_id: number }) {
    return (
      can(actor, 'protocols:manage') &&
      can(actor, 'protocols:manage', await scopeOf(db, protocol.partnership_id))
    );
  }

  const described = <P extends repo.ProtocolRow>(p: P) => ({
    ...p,
    statusName: protocolStatusNames[p.status as ProtocolStatus] ?? p.status,
  });

  async function list() {
    const protocols = await repo.listProtocols(db);
    const obligations = await repo.obligationsOf(
      db,
      protocols.map((p) => p.id),
    );
    return protocols.map((p) => ({
      ...described(p),
      partners: new Set(obligations.filter((o) => o.protocol_id === p.id).map((o) => o.organisation_id)).size,
    }));
  }

  /**
   * Each partner's commitments with whether each is met, worked out from the records.
   * A draft binds nobody yet, so it is not judged.
   */
  async function compliance(protocol: repo.ProtocolRow, today: string, organisationId?: number) {
    const [obligations, contributions] = await Promise.all([
      repo.obligationsOf(db, [protocol.id]),
      repo.contributionsOf(db, [protocol.id], organisationId),
    ]);
    const own = organisationId
      ? obligations.filter((o) => o.organisation_id === organisationId)
      : obligations;
    const organisationIds = [...new Set(own.map((o) => o.organisation_id))];
    const agreed = protocol.status === 'agreed';
    const period = { startsOn: protocol.starts_on, endsOn: protocol.ends_on };
    const records = agreed
      ? await partnerRecords(db, {
          organisationIds,
          partnershipIds: [protocol.partnership_id],
          from: protocol.starts_on,
          to: protocol.ends_on,
          today,
        })
      : new Map();
    const counts: Record<ComplianceState, number> = { met: 0, not_met: 0, not_yet_due: 0 };
    const partners = organisationIds.map((id) => {
      const commitments = own.filter((o) => o.organisation_id === id);
      const first = commitments[0]!;
      const given = contributions.filter((c) => c.organisation_id === id).map(asContribution);
      const found = records.get(id);
      return {
        organisation: {
          id,
          name: first.organisation_name,
          slug: first.organisation_slug,
          namedPartner: first.named_partner === 1,
        },
        obligations: commitments.map((o) => {
          const judged: Compliance | null = found
            ? obligationCompliance(
                { ...o, kind: o.kind as ObligationKind },
                { attendance: found.attendance, contributions: given, returns: found.returns },
                period,
                today,
              )
            : null;
          if (judged) counts[judged.state] += 1;
          return {
            ...o,
            kindName: obligationKindNames[o.kind as ObligationKind] ?? o.kind,
            terms: termsInWords({ ...o, kind: o.kind as ObligationKind }),
            compliance: judged,
          };
        }),
      };
    });
    return {
      agreed,
      partners,
      counts,
      contributions: contributions.map((c) => ({
        ...c,
        money: c.amount_pence === null ? null : formatPounds(c.amount_pence),
        staff: c.staff_fte === null ? null : formatAmount('fte', c.staff_fte),
      })),
    };
  }

  async function page(id: number, today: string) {
    const protocol = described(await protocolById(id));
    return { protocol, ...(await compliance(protocol, today)) };
  }

  /** What one organisation has committed to in each agreement it is party to, with whether each is met. */
  async function commitmentsOf(organisationId: number, today: string) {
    const ids = [
      ...new Set((await repo.obligationsOfOrganisation(db, organisationId)).map((o) => o.protocol_id)),
    ];
    const result = [];
    for (const id of ids) {
      const protocol = described(await protocolById(id));
      const own = await compliance(protocol, today, organisationId);
      result.push({ protocol, agreed: own.agreed, obligations: own.partners[0]?.obligations ?? [] });
    }
    return result.sort((a, b) => b.protocol.starts_on.localeCompare(a.protocol.starts_on));
  }

  /** One row per partner and commitment, for the CSV download. */
  async function complianceRows(id: number, today: string) {
    const { protocol, partners } = await page(id, today);
    return {
      protocol,
      rows: partners.flatMap((p) =>
        p.obligations.map((o) => ({
          partner: p.organisation.name,
          commitment: o.kindName,
          terms: o.terms,
          status: o.compliance?.stateName ?? 'Not judged: the agreement is a draft',
          figures: o.compliance?.summary ?? null,
        })),
      ),
    };
  }

  // ---- the agreement itself

  /** The partnerships this person may set up an agreement for. */
  async function partnershipChoices(actor: Actor | null) {
    const [partnerships, lines] = await Promise.all([repo.listPartnerships(db), partnershipLines(db)]);
    return partnerships
      .filter(
        (p) => p.status === 'active' && can(actor, 'protocols:manage', { partnershipLine: lines(p.id) }),
      )
      .map((p) => ({ id: p.id, name: p.name }));
  }

  async function checkPartnership(trx: Db, actor: Actor, partnershipId: number) {
    await mustBeInList(
      trx,
      'partnerships',
      partnershipId,
      'partnershipId',
      'Choose a partnership from the list',
    );
    if (!can(actor, 'protocols:manage', await scopeOf(trx, partnershipId)))
      throw new ValidationError({
        partnershipId:
          'You can only set up agreements for a partnership you chair or run, or one of its sub-groups',
      });
  }

  const protocolValues = (form: ProtocolFormValues, agreedOn: string | null) => ({
    partnership_id: form.partnershipId,
    title: form.title,
    starts_on: form.startsOn!,
    ends_on: form.endsOn!,
    status: form.status,
    // Agreeing dates it; going back to draft clears the date.
    agreed_on: form.status === 'agreed' ? (agreedOn ?? todayIso()) : null,
    body: form.body,
  });

  async function create(actor: Actor | null, input: unknown) {
    authorise(actor, 'protocols:manage');
    const form = parseForm(protocolForm, input);
    return db.transaction().execute(async (trx) => {
      await checkPartnership(trx, actor, form.partnershipId);
      const now = nowIso();
      const values = { ...protocolValues(form, null), created_at: now, updated_at: now };
      const { id } = await trx
        .insertInto('protocols')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        entityType: 'protocol',
        entityId: id,
        action: 'created',
        summary: `Set up the partnership agreement “${form.title}”`,
        after: values,
      });
      return { id };
    });
  }

  async function update(actor: Actor | null, id: number, input: unknown) {
    const protocol = await protocolFor(actor, id);
    const expected = formVersion(input);
    const form = parseForm(protocolForm, input);
    return db.transaction().execute(async (trx) => {
      await checkPartnership(trx, actor!, form.partnershipId);
      const { before, after } = await updateWithVersion(
        trx,
        'protocols',
        protocol.id,
        expected,
        protocolValues(form, protocol.agreed_on),
      );
      await recordAudit(trx, actor, {
        entityType: 'protocol',
        entityId: protocol.id,
        action: 'updated',
        summary:
          before.status !== after.status
            ? `Edited “${form.title}”: now ${protocolStatusNames[form.status].toLowerCase()}`
            : `Edited “${form.title}”`,
        before,
        after,
      });
      return { id: protocol.id };
    });
  }

  // ---- what each partner commits to

  const organisationChoices = async () =>
    (await repo.listOrganisations(db)).map((o) => ({ id: o.id, name: o.name }));

  async function obligationFor(actor: Actor | null, protocolId: number, obligationId: number) {
    const protocol = await protocolFor(actor, protocolId);
    const obligation = await repo.findObligation(db, protocol.id, obligationId);
    if (!obligation) throw new NotFoundError('commitment');
    const organisation = await repo.findOrganisation(db, obligation.organisation_id);
    return { protocol, obligation, organisationName: organisation?.name ?? '' };
  }

  const obligationValues = (form: ObligationFormValues) => ({
    organisation_id: form.organisationId,
    kind: form.kind,
    target_percent:
      form.kind === 'attendance'
        ? form.attendancePercent
        : form.kind === 'data_returns'
          ? form.returnsPercent
          : null,
    amount_pence: form.kind === 'financial' ? form.amount : null,
    staff_fte: form.kind === 'staff_time' ? form.staffFte : null,
    description: form.description,
  });

  /** The partner exists and has no other commitment of the same kind; returns its name. */
  async function checkObligation(trx: Db, protocolId: number, form: ObligationFormValues, exceptId?: number) {
    const organisation = await repo.findOrganisation(trx, form.organisationId);
    if (!organisation) throw new ValidationError({ organisationId: 'Choose a partner from the list' });
    const same = await repo.obligationOfKind(trx, protocolId, form.organisationId, form.kind);
    if (same && same.id !== exceptId)
      throw new ValidationError({
        kind: `${organisation.name} already has a “${obligationKindNames[form.kind]}” commitment in this agreement: change that commitment instead`,
      });
    return organisation.name;
  }

  const obligationSummary = (values: ReturnType<typeof obligationValues>) =>
    `${obligationKindNames[values.kind]}: ${termsInWords(values)}`;

  async function addObligation(actor: Actor | null, protocolId: number, input: unknown) {
    const protocol = await protocolFor(actor, protocolId);
    const form = parseForm(obligationForm, input);
    return db.transaction().execute(async (trx) => {
      const partner = await checkObligation(trx, protocol.id, form);
      const now = nowIso();
      const values = {
        protocol_id: protocol.id,
        ...obligationValues(form),
        created_at: now,
        updated_at: now,
      };
      const { id } = await trx
        .insertInto('protocol_obligations')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        entityType: 'protocol_obligation',
        entityId: id,
        action: 'created',
        summary: `Added the commitment “${obligationSummary(obligationValues(form))}” for ${partner} to “${protocol.title}”`,
        after: values,
      });
      return { id };
    });
  }

  async function updateObligation(
    actor: Actor | null,
    protocolId: number,
    obligationId: number,
    input: unknown,
  ) {
    const { protocol, obligation } = await obligationFor(actor, protocolId, obligationId);
    const expected = formVersion(input);
    const form = parseForm(obligationForm, input);
    return db.transaction().execute(async (trx) => {
      const partner = await checkObligation(trx, protocol.id, form, obligation.id);
      const { before, after } = await updateWithVersion(
        trx,
        'protocol_obligations',
        obligation.id,
        expected,
        obligationValues(form),
      );
      await recordAudit(trx, actor, {
        entityType: 'protocol_obligation',
        entityId: obligation.id,
        action: 'updated',
        summary: `Changed the commitment of ${partner} in “${protocol.title}”: ${obligationSummary(obligationValues(form))}`,
        before,
        after,
      });
    });
  }

  async function removeObligation(
    actor: Actor | null,
    protocolId: number,
    obligationId: number,
    input: unknown,
  ) {
    const { protocol, obligation, organisationName } = await obligationFor(actor, protocolId, obligationId);
    const expected = formVersion(input);
    return db.transaction().execute(async (trx) => {
      const result = await trx
        .deleteFrom('protocol_obligations')
        .where('id', '=', obligation.id)
        .where('version', '=', expected)
        .executeTakeFirst();
      if (Number(result.numDeletedRows) !== 1)
        throw new ValidationError({
          form: 'Someone changed this commitment after you opened this page, so it has not been removed. Go back to the agreement, check it and try again.',
        });
      const summary = obligationSummary({ ...obligation, kind: obligation.kind as ObligationKind });
      await recordAudit(trx, actor, {
        entityType: 'protocol_obligation',
        entityId: obligation.id,
        action: 'deleted',
        summary: `Removed “${summary}” for ${organisationName} from “${protocol.title}”`,
        // The agreement's id first, so the agreement's history finds the entry (see auditOfProtocol).
        before: (({ protocol_id, ...rest }) => ({ protocol_id, ...rest }))(obligation),
      });
      return { summary, organisationName };
    });
  }

  // ---- contributions

  /** The partners of this agreement (those with commitments in it) this person may record contributions for. */
  async function contributionContext(actor: Actor | null, protocolId: number) {
    authorise(actor, 'contributions:record');
    const protocol = described(await protocolById(protocolId));
    const obligations = await repo.obligationsOf(db, [protocol.id]);
    const partners = [
      ...new Map(
        obligations.map((o) => [o.organisation_id, { id: o.organisation_id, name: o.organisation_name }]),
      ).values(),
    ].filter((p) => can(actor, 'contributions:record', { organisationId: p.id }));
    if (partners.length === 0)
      throw new ForbiddenError(
        'You can record contributions only for your own organisation, and it has no commitments in this agreement.',
      );
    return { protocol, partners };
  }

  async function addContribution(actor: Actor | null, protocolId: number, input: unknown) {
    const { protocol, partners } = await contributionContext(actor, protocolId);
    const form = parseForm(contributionForm, input);
    const on = form.contributedOn!;
    if (on > todayIso()) throw new ValidationError({ contributedOn: 'The date must be today or earlier' });
    if (on < protocol.starts_on || on > protocol.ends_on)
      throw new ValidationError({
        contributedOn: `The date must be within the agreement, ${formatDate(protocol.starts_on)} to ${formatDate(protocol.ends_on)}`,
      });
    const partner = partners.find((p) => p.id === form.organisationId);
    if (!partner)
      throw new ValidationError({
        organisationId: can(actor, 'contributions:record', { organisationId: form.organisationId })
          ? 'Choose a partner from the list: only partners with commitments in this agreement'
          : 'You can only record contributions your own organisation made',
      });
    return db.transaction().execute(async (trx) => {
      const values = {
        protocol_id: protocol.id,
        organisation_id: partner.id,
        contributed_on: on,
        amount_pence: form.amount,
        staff_fte: form.staffFte,
        resources: form.resources,
        note: form.note,
        recorded_by: actor!.userId,
        recorder_name: actor!.name,
        created_at: nowIso(),
      };
      const { id } = await trx
        .insertInto('protocol_contributions')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        entityType: 'protocol_contribution',
        entityId: id,
        action: 'created',
        summary: `Recorded a contribution from ${partner.name} to “${protocol.title}” on ${formatDate(on)}`,
        after: values,
      });
      return { id, partnerName: partner.name };
    });
  }

  /** A contribution this person may remove: one their organisation made (administrators: any). */
  async function contributionFor(actor: Actor | null, protocolId: number, contributionId: number) {
    authorise(actor, 'contributions:record');
    const protocol = await protocolById(protocolId);
    const contribution = await repo.findContribution(db, protocol.id, contributionId);
    if (!contribution) throw new NotFoundError('contribution');
    authorise(actor, 'contributions:record', { organisationId: contribution.organisation_id });
    return {
      protocol,
      contribution: {
        ...contribution,
        money: contribution.amount_pence === null ? null : formatPounds(contribution.amount_pence),
        staff: contribution.staff_fte === null ? null : formatAmount('fte', contribution.staff_fte),
      },
    };
  }

  async function removeContribution(actor: Actor | null, protocolId: number, contributionId: number) {
    const { protocol, contribution } = await contributionFor(actor, protocolId, contributionId);
    return db.transaction().execute(async (trx) => {
      const result = await trx
        .deleteFrom('protocol_contributions')
        .where('id', '=', contribution.id)
        .executeTakeFirst();
      if (Number(result.numDeletedRows) !== 1) throw new NotFoundError('contribution');
      const { money: _m, staff: _s, organisation_name: partner, ...row } = contribution;
      // The agreement's id first, so the agreement's history finds the entry (see auditOfProtocol).
      const { protocol_id, ...rest } = row;
      const before = { protocol_id, ...rest };
      await recordAudit(trx, actor, {
        entityType: 'protocol_contribution',
        entityId: contribution.id,
        action: 'deleted',
        summary: `Removed the contribution from ${partner} of ${formatDate(contribution.contributed_on)} from “${protocol.title}”`,
        before,
      });
      return { partner, on: contribution.contributed_on };
    });
  }

  // ---- history

  async function history(protocolId: number): Promise<HistoryEntry[]> {
    const [rows, organisations, partnerships] = await Promise.all([
      repo.auditOfProtocol(db, protocolId),
      repo.listOrganisations(db),
      repo.listPartnerships(db),
    ]);
    const organisationNames = new Map(organisations.map((o) => [o.id, o.name]));
    const partnershipNames = new Map(partnerships.map((p) => [p.id, p.name]));
    const readable = (field: string, value: unknown) => {
      if (value === null || value === undefined) return null;
      if (field === 'organisation_id')
        return organisationNames.get(value as number) ?? `(removed record ${String(value)})`;
      if (field === 'partnership_id')
        return partnershipNames.get(value as number) ?? `(removed record ${String(value)})`;
      if (field === 'kind') return obligationKindNames[value as ObligationKind] ?? value;
      if (field === 'status') return protocolStatusNames[value as ProtocolStatus] ?? value;
      if (field === 'amount_pence' && typeof value === 'number') return formatPounds(value);
      return value;
    };
    return historyEntries(rows, hiddenHistoryFields).map((entry) => ({
      ...entry,
      changes: entry.changes.map((c) => ({
        field: historyFieldNames[c.field] ?? c.field,
        before: readable(c.field, c.before),
        after: readable(c.field, c.after),
      })),
    }));
  }

  return {
    list,
    page,
    compliance,
    complianceRows,
    commitmentsOf,
    protocolFor,
    mayManage,
    partnershipChoices,
    organisationChoices,
    create,
    update,
    obligationFor,
    addObligation,
    updateObligation,
    removeObligation,
    contributionContext,
    addContribution,
    contributionFor,
    removeContribution,
    history,
  };
}

export type ProtocolServices = ReturnType<typeof createProtocolServices>;
