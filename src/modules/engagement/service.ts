import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { can, type Actor, type Scope } from '../../domain/permissions.ts';
import { duplicateWindowHours, findRepeat, fingerprintOf } from '../../domain/duplicates.ts';
import { sectorNames, type Sector } from '../../domain/vocabulary.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { parseForm } from '../../platform/forms.ts';
import { authorise, mustBeInList, partnershipLines } from '../../platform/service-rules.ts';
import { historyOf, recordAudit, type HistoryEntry } from '../../platform/audit.ts';
import { formatDateTime, nowIso } from '../../platform/time.ts';
import { updateWithVersion } from '../../platform/versioned.ts';
import type { Mailer } from '../../platform/mail.ts';
import { hashPassword } from '../accounts/passwords.ts';
import { findUserByEmail } from '../accounts/repository.ts';
import type { FormGuard } from './form-guard.ts';
import {
  ideaForm,
  ideaKindNames,
  ideaStatusNames,
  moderationForm,
  publishedStatuses,
  registerForm,
  rejectionReasonNames,
  responseForm,
  type IdeaKind,
  type PublishedStatus,
  type RejectionReason,
} from './forms.ts';
import * as repo from './repository.ts';

/** The reference people quote: HYS-00042 ("have your say"). */
export function ideaReference(id: number): string {
  return `HYS-${String(id).padStart(5, '0')}`;
}

/** A reference or an id from an address; anything else is a 404 before any query. */
export function ideaIdOf(value: string): number {
  const match = /^(?:hys-)?0*(\d{1,9})$/i.exec(value);
  if (!match || Number(match[1]) === 0) throw new NotFoundError();
  return Number(match[1]);
}

const isUniqueViolation = (error: unknown) =>
  ['23505', 'SQLITE_CONSTRAINT_UNIQUE'].includes(String((error as { code?: unknown })?.code));

/** What happened to a submission: saved, or recognised as one already received (nothing saved twice). */
export type SubmitOutcome =
  | { outcome: 'saved'; id: number; reference: string }
  | { outcome: 'same-form'; id: number; reference: string; submittedAt: string }
  | { outcome: 'same-words'; id: number; reference: string; submittedAt: string };

/** The words a person reads when their submission was one already received. */
export function repeatMessage(result: Exclude<SubmitOutcome, { outcome: 'saved' }>, what = 'idea'): string {
  return result.outcome === 'same-form'
    ? `This form had already been sent (perhaps the button was pressed twice), so we have kept one copy: your ${what} is ${result.reference}. Nothing has been lost or counted twice.`
    : `You sent the same words on ${formatDateTime(result.submittedAt)} as ${result.reference}. We have kept that one, so it is not counted twice.`;
}

/** Ideas and concerns: sent in, moderated, answered; the messages telling people; residents' accounts. */
export function createIdeaServices(db: Kysely<Database>, mailer: Mailer, guard: FormGuard, baseUrl?: string) {
  const link = (path: string) => `${baseUrl ?? ''}${path}`;

  // ---- the form

  /** Wards with their neighbourhoods beneath, for one list; and each area's ward. */
  async function areaChoices() {
    const areas = await repo.wardsAndNeighbourhoods(db);
    const wards = areas.filter((a) => a.kind === 'ward');
    const items: { value: number; text: string }[] = [];
    for (const ward of wards) {
      items.push({ value: ward.id, text: ward.name });
      for (const n of areas.filter((a) => a.kind === 'neighbourhood' && a.parent_id === ward.id))
        items.push({ value: n.id, text: `${n.name} (in ${ward.name})` });
    }
    // Neighbourhoods not under any ward still belong somewhere on the list.
    for (const n of areas.filter(
      (a) => a.kind === 'neighbourhood' && !wards.some((w) => w.id === a.parent_id),
    ))
      items.push({ value: n.id, text: n.name });
    const wardOf = (areaId: number | null): number | null => {
      if (areaId === null) return null;
      const area = areas.find((a) => a.id === areaId);
      if (!area) return null;
      if (area.kind === 'ward') return area.id;
      return wards.find((w) => w.id === area.parent_id)?.id ?? null;
    };
    return { areas, wards, items, wardOf };
  }

  async function formContext(actor: Actor | null) {
    const [{ items }, priorities, resident] = await Promise.all([
      areaChoices(),
      repo.currentPriorities(db),
      actor ? repo.residentWard(db, actor.userId) : Promise.resolve(undefined),
    ]);
    return {
      areaItems: items,
      priorityItems: priorities.map((p) => ({ value: p.id, text: p.title })),
      formToken: await guard.issue(),
      residentWardId: resident?.ward_id ?? null,
    };
  }

  async function submit(
    actor: Actor | null,
    input: unknown,
    from: { address: string },
  ): Promise<SubmitOutcome> {
    const token = await guard.check(input, { anonymous: actor === null });
    const form = parseForm(ideaForm, input);
    const { wardOf, areas } = await areaChoices();
    if (form.areaId !== null && !areas.some((a) => a.id === form.areaId))
      throw new ValidationError({ areaId: 'Choose a ward or neighbourhood from the list' });
    await mustBeInList(db, 'priorities', form.priorityId, 'priorityId', 'Choose a priority from the list');

    const same = await repo.ideaByToken(db, token.nonce);
    if (same)
      return {
        outcome: 'same-form',
        id: same.id,
        reference: ideaReference(same.id),
        submittedAt: same.submitted_at,
      };

    // Someone signed in is told at their account's address; an address typed in is only for someone anonymous.
    const email = actor ? null : form.contactEmail;
    const ipHash = await guard.addressHash(from.address);
    const fingerprint = fingerprintOf(form.summary, form.details!);
    const now = nowIso();
    const since = new Date(Date.parse(now) - duplicateWindowHours * 3_600_000).toISOString();
    const earlier = await repo.recentWithFingerprint(db, fingerprint, since, {
      userId: actor?.userId ?? null,
      email,
      ipHash,
    });
    const repeat = findRepeat(
      fingerprint,
      now,
      earlier.map((e) => ({ ...e, submittedAt: e.submitted_at })),
    );
    if (repeat)
      return {
        outcome: 'same-words',
        id: repeat.id,
        reference: ideaReference(repeat.id),
        submittedAt: repeat.submitted_at,
      };

    try {
      return await db.transaction().execute(async (trx) => {
        const values = {
          kind: form.kind,
          summary: form.summary,
          details: form.details!,
          priority_id: form.priorityId,
          area_id: form.areaId,
          ward_id: wardOf(form.areaId),
          writing_as: form.writingAs,
          group_name: form.writingAs === 'group' ? form.groupName : null,
          group_sector: form.writingAs === 'group' ? form.groupSector : null,
        };
        const id = await repo.insertIdea(trx, {
          ...values,
          user_id: actor?.userId ?? null,
          contact_name: actor ? null : form.contactName,
          contact_email: email,
          ip_hash: ipHash,
          form_token: token.nonce,
          fingerprint,
          age_band: form.ageBand,
          sex: form.sex,
          ethnicity: form.ethnicity,
          disability: form.disability,
          status: 'pending',
          submitted_at: now,
          moderated_at: null,
          moderated_by: null,
          rejection_reason: null,
          rejection_note: null,
          response: null,
          responded_at: null,
          decision_id: null,
          action_id: null,
          target_id: null,
          created_at: now,
          updated_at: now,
        });
        // The audit keeps what was said and where, never who said it or their equality answers.
        await recordAudit(trx, actor, {
          entityType: 'engagement_idea',
          entityId: id,
          action: 'created',
          summary: `Received ${ideaKindNames[form.kind].toLowerCase()} ${ideaReference(id)}: ${form.summary}`,
          after: { ...values, status: 'pending' },
        });
        return { outcome: 'saved' as const, id, reference: ideaReference(id) };
      });
    } catch (error) {
      // The same form sent twice at the same moment: the other copy won, and is the one kept.
      if (!isUniqueViolation(error)) throw error;
      const winner = await repo.ideaByToken(db, token.nonce);
      if (!winner) throw error;
      return {
        outcome: 'same-form',
        id: winner.id,
        reference: ideaReference(winner.id),
        submittedAt: winner.submitted_at,
      };
    }
  }

  // ---- what the public and the submitter see

  const described = (idea: repo.IdeaWithNames) => ({
    ...idea,
    reference: ideaReference(idea.id),
    kindName: ideaKindNames[idea.kind as IdeaKind] ?? idea.kind,
    statusName: ideaStatusNames[idea.status] ?? idea.status,
    published: (publishedStatuses as readonly string[]).includes(idea.status),
    rejectionReasonName: idea.rejection_reason
      ? (rejectionReasonNames[idea.rejection_reason as RejectionReason] ?? idea.rejection_reason)
      : null,
    from:
      idea.writing_as === 'group' && idea.group_name
        ? `${idea.group_name} (${sectorNames[idea.group_sector as Sector] ?? 'a group'})`
        : idea.ward_name
          ? `A resident of ${idea.ward_name}`
          : 'A resident',
    targetLabel: idea.target_indicator_code
      ? repo.targetLabel({
          indicator_code: idea.target_indicator_code,
          indicator_title: idea.target_indicator_title!,
          area_name: idea.target_area_name!,
          area_kind: idea.target_area_kind!,
        })
      : null,
    // A decision of a members-only meeting is named, not linked or quoted.
    decisionPublic: idea.decision_meeting_visibility === 'public',
  });
  /** What the public may see of an idea: never who sent it, how to reach them, or their equality answers. */
  const publicView = (idea: repo.IdeaWithNames) => {
    const {
      user_id: _u,
      user_name: _n,
      user_email: _e,
      contact_name: _cn,
      contact_email: _ce,
      ip_hash: _ip,
      form_token: _t,
      fingerprint: _f,
      age_band: _a,
      sex: _s,
      ethnicity: _et,
      disability: _d,
      moderated_by: _m,
      moderator_name: _mn,
      ...shown
    } = described(idea);
    return shown;
  };

  const pageSize = 50;

  async function youSaidWeDid(filters: { status?: string; ward?: number; priority?: number; page?: number }) {
    let query = repo
      .ideaWithNames(db)
      .where('i.status', 'in', [...publishedStatuses])
      .orderBy('i.submitted_at', 'desc')
      .orderBy('i.id', 'desc');
    if (filters.status && (publishedStatuses as readonly string[]).includes(filters.status))
      query = query.where('i.status', '=', filters.status);
    if (filters.ward) query = query.where('i.ward_id', '=', filters.ward);
    if (filters.priority) query = query.where('i.priority_id', '=', filters.priority);
    const page = Math.max(1, Math.min(filters.page ?? 1, 10_000));
    const rows = await query
      .limit(pageSize + 1)
      .offset((page - 1) * pageSize)
      .execute();
    const [counts, { wards }, priorities] = await Promise.all([
      db
        .selectFrom('engagement_ideas')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('status', 'in', [...publishedStatuses])
        .groupBy('status')
        .execute(),
      areaChoices(),
      repo.currentPriorities(db),
    ]);
    return {
      ideas: rows.slice(0, pageSize).map(publicView),
      page,
      more: rows.length > pageSize,
      counts: publishedStatuses.map((status) => ({
        status,
        name: ideaStatusNames[status],
        count: Number(counts.find((c) => c.status === status)?.n ?? 0),
      })),
      wardItems: wards.map((w) => ({ value: w.id, text: w.name })),
      priorityItems: priorities.map((p) => ({ value: p.id, text: p.title })),
    };
  }

  async function publicIdea(id: number) {
    const idea = await repo.findIdea(db, id);
    if (!idea || !(publishedStatuses as readonly string[]).includes(idea.status))
      throw new NotFoundError('idea');
    return publicView(idea);
  }

  /** A person's own submissions, whatever became of them (with the reason when one was not published). */
  async function mine(actor: Actor) {
    const rows = await repo
      .ideaWithNames(db)
      .where('i.user_id', '=', actor.userId)
      .orderBy('i.submitted_at', 'desc')
      .orderBy('i.id', 'desc')
      .execute();
    return rows.map(publicView);
  }

  // ---- moderation

  const scopeFor = (owner: number | null, lines: (id: number) => number[]): Scope => ({
    partnershipLine: owner ? lines(owner) : [],
  });

  async function scopeOf(idea: { owning_partnership_id: number | null }): Promise<Scope> {
    return scopeFor(idea.owning_partnership_id, await partnershipLines(db));
  }

  /** What waits for this moderator (oldest first), and what they have published and may answer. */
  async function queue(actor: Actor | null) {
    authorise(actor, 'engagement:moderate');
    const [lines, rows, unsent] = await Promise.all([
      partnershipLines(db),
      repo
        .ideaWithNames(db)
        .where('i.status', '!=', 'rejected')
        .orderBy('i.submitted_at', 'asc')
        .orderBy('i.id', 'asc')
        .execute(),
      db
        .selectFrom('engagement_messages')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('sent_at', 'is', null)
        .executeTakeFirstOrThrow(),
    ]);
    const mayModerate = rows.filter((i) =>
      can(actor, 'engagement:moderate', scopeFor(i.owning_partnership_id, lines)),
    );
    const pending = mayModerate.filter((i) => i.status === 'pending').map(described);
    const open = mayModerate
      .filter((i) => i.status === 'received' || i.status === 'under_consideration')
      .map(described)
      .reverse();
    return { pending, open, unsentMessages: Number(unsent.n) };
  }

  async function moderatorPage(actor: Actor | null, id: number) {
    const idea = await repo.findIdea(db, id);
    if (!idea) throw new NotFoundError('idea');
    authorise(actor, 'engagement:moderate', await scopeOf(idea));
    const shown = described(idea);
    return {
      idea: {
        ...publicView(idea),
        // Moderators see whether the person will hear from them, not their address.
        willBeTold: !!(idea.user_email ?? idea.contact_email),
        signedIn: idea.user_id !== null,
        givenName: idea.user_name ?? idea.contact_name,
        moderator_name: shown.moderator_name,
      },
    };
  }

  async function history(actor: Actor | null, id: number): Promise<HistoryEntry[]> {
    await moderatorPage(actor, id);
    return historyOf(db, 'engagement_idea', id);
  }

  /** Who hears what happened: the account's address, or the one given; nobody if neither. */
  function recipientOf(idea: repo.IdeaWithNames) {
    const address = idea.user_email ?? idea.contact_email;
    if (!address) return null;
    return { name: idea.user_name ?? idea.contact_name ?? '', address };
  }

  async function queueMessage(
    trx: repo.Db,
    idea: repo.IdeaWithNames,
    subject: string,
    paragraphs: string[],
  ): Promise<boolean> {
    const to = recipientOf(idea);
    if (!to) return false;
    const body = [
      to.name ? `Dear ${to.name},` : 'Hello,',
      '',
      ...paragraphs,
      '',
      `What you sent (${ideaReference(idea.id)}): ${idea.summary}`,
      '',
      'Partnership secretariat',
      '',
      `You are receiving this because you sent this ${ideaKindNames[idea.kind as IdeaKind]?.toLowerCase() ?? 'idea'} to the partnership and gave your e-mail address.`,
    ].join('\n');
    await trx
      .insertInto('engagement_messages')
      .values({
        idea_id: idea.id,
        to_name: to.name || to.address,
        to_address: to.address,
        subject,
        body,
        created_at: nowIso(),
        sent_at: null,
        last_error: null,
      })
      .execute();
    return true;
  }

  async function moderate(actor: Actor | null, id: number, input: unknown) {
    const idea = await repo.findIdea(db, id);
    if (!idea) throw new NotFoundError('idea');
    authorise(actor, 'engagement:moderate', await scopeOf(idea));
    const form = parseForm(moderationForm, input);
    if (idea.status !== 'pending')
      throw new ValidationError({
        form: `This has already been checked: it is ${(ideaStatusNames[idea.status] ?? idea.status).toLowerCase()}.`,
      });
    const publish = form.decision === 'publish';
    const told = await db.transaction().execute(async (trx) => {
      const { before, after } = await updateWithVersion(trx, 'engagement_ideas', id, form.version, {
        status: publish ? 'received' : 'rejected',
        moderated_at: nowIso(),
        moderated_by: actor.userId,
        rejection_reason: publish ? null : form.reason,
        rejection_note: publish ? null : form.note,
      });
      await recordAudit(trx, actor, {
        entityType: 'engagement_idea',
        entityId: id,
        action: 'updated',
        summary: publish
          ? `Published ${ideaReference(id)}`
          : `Did not publish ${ideaReference(id)}: ${rejectionReasonNames[form.reason!]}`,
        before: pick(before),
        after: pick(after),
      });
      return queueMessage(
        trx,
        idea,
        publish
          ? `Your ${ideaKindNames[idea.kind as IdeaKind]?.toLowerCase() ?? 'idea'} ${ideaReference(id)} has been published`
          : `Your ${ideaKindNames[idea.kind as IdeaKind]?.toLowerCase() ?? 'idea'} ${ideaReference(id)} has not been published`,
        publish
          ? [
              'Thank you. What you sent has been checked and published, so everyone can see it and what the partnership does about it.',
              '',
              `Follow it here: ${link(`/you-said-we-did/${id}`)}`,
              '',
              'We will write again when the partnership responds.',
            ]
          : [
              'Thank you for writing. What you sent has been checked, and it has not been published.',
              '',
              `The reason: ${rejectionReasonNames[form.reason!]}.`,
              ...(form.note ? ['', form.note] : []),
              '',
              `You are welcome to send it again without that: ${link('/have-your-say')}`,
            ],
      );
    });
    await deliver();
    return { reference: ideaReference(id), published: publish, told };
  }

  async function responseContext(actor: Actor | null, id: number) {
    const page = await moderatorPage(actor, id);
    const [decisions, actions, targets] = await Promise.all([
      repo.publicDecisions(db),
      repo.actionChoices(db),
      repo.targetChoices(db),
    ]);
    return {
      ...page,
      decisionItems: decisions.map((d) => ({
        value: d.id,
        text: `${d.reference}: ${d.resolution.length > 90 ? `${d.resolution.slice(0, 89).trimEnd()}…` : d.resolution}`,
      })),
      actionItems: actions.map((a) => ({ value: a.id, text: a.title })),
      targetItems: targets.map((t) => ({ value: t.id, text: repo.targetLabel(t) })),
    };
  }

  async function respond(actor: Actor | null, id: number, input: unknown) {
    const idea = await repo.findIdea(db, id);
    if (!idea) throw new NotFoundError('idea');
    authorise(actor, 'engagement:moderate', await scopeOf(idea));
    if (!(publishedStatuses as readonly string[]).includes(idea.status))
      throw new ValidationError({
        form: 'Only published ideas and concerns get a response. Check and publish it first.',
      });
    const form = parseForm(responseForm, input);
    if (form.decisionId !== null && !(await repo.publicDecisions(db)).some((d) => d.id === form.decisionId))
      throw new ValidationError({ decisionId: 'Choose a decision of a public meeting from the list' });
    await mustBeInList(db, 'targets', form.targetId, 'targetId', 'Choose a target from the list');
    if (
      form.actionId !== null &&
      !(await db.selectFrom('actions').select('id').where('id', '=', form.actionId).executeTakeFirst())
    )
      throw new ValidationError({ actionId: 'Choose an action from the list' });

    const changedForPublic = idea.status !== form.status || (idea.response ?? null) !== form.response;
    const told = await db.transaction().execute(async (trx) => {
      const { before, after } = await updateWithVersion(trx, 'engagement_ideas', id, form.version, {
        status: form.status,
        response: form.response,
        responded_at: changedForPublic ? nowIso() : idea.responded_at,
        decision_id: form.decisionId,
        action_id: form.actionId,
        target_id: form.targetId,
      });
      await recordAudit(trx, actor, {
        entityType: 'engagement_idea',
        entityId: id,
        action: 'updated',
        summary: `Responded to ${ideaReference(id)}: ${ideaStatusNames[form.status]}`,
        before: pick(before),
        after: pick(after),
      });
      if (!changedForPublic) return false;
      const updated = (await repo.findIdea(trx, id))!;
      const shown = described(updated);
      const led = [
        shown.decision_reference
          ? `Decision ${shown.decision_reference}${shown.decisionPublic ? `: ${link(`/meetings/${shown.decision_meeting_id}#decisions`)}` : ''}`
          : null,
        shown.action_title ? `Action: ${shown.action_title}: ${link(`/actions/${shown.action_id}`)}` : null,
        shown.targetLabel
          ? `Target: ${shown.targetLabel}: ${link(`/dashboard/targets/${shown.target_id}`)}`
          : null,
      ].filter((line): line is string => line !== null);
      return queueMessage(
        trx,
        updated,
        `Update on ${ideaReference(id)}: ${ideaStatusNames[form.status]!.toLowerCase()}`,
        [
          `The partnership has an update on what you sent. It is now: ${ideaStatusNames[form.status]}.`,
          ...(form.response ? ['', form.response] : []),
          ...(led.length ? ['', 'What it led to:', ...led] : []),
          '',
          `See it on "You said, we did": ${link(`/you-said-we-did/${id}`)}`,
        ],
      );
    });
    await deliver();
    return { reference: ideaReference(id), status: form.status as PublishedStatus, told };
  }

  // ---- messages

  let sending: Promise<unknown> = Promise.resolve();

  /**
   * Sends every message not yet sent. Each is claimed before it is sent (so two servers never
   * send one twice) and released if the mail server refuses it, to be tried again next time.
   */
  function deliver(): Promise<{ sent: number; failed: number }> {
    const run = sending.then(async () => {
      let sent = 0;
      let failed = 0;
      for (const message of await repo.unsentMessages(db)) {
        const claimedAt = nowIso();
        const claim = await db
          .updateTable('engagement_messages')
          .set({ sent_at: claimedAt, attempts: message.attempts + 1 })
          .where('id', '=', message.id)
          .where('sent_at', 'is', null)
          .executeTakeFirst();
        if (Number(claim.numUpdatedRows) !== 1) continue;
        try {
          await mailer.send({
            to: { name: message.to_name, address: message.to_address },
            subject: message.subject,
            text: message.body,
          });
          sent++;
        } catch (error) {
          failed++;
          await db
            .updateTable('engagement_messages')
            .set({ sent_at: null, last_error: String((error as Error).message ?? error).slice(0, 500) })
            .where('id', '=', message.id)
            .execute();
        }
      }
      return { sent, failed };
    });
    sending = run.catch(() => undefined);
    return run;
  }

  // ---- residents' accounts

  async function register(input: unknown): Promise<number> {
    const form = parseForm(registerForm, input);
    const { wards } = await areaChoices();
    if (form.wardId !== null && !wards.some((w) => w.id === form.wardId))
      throw new ValidationError({ wardId: 'Choose your ward from the list' });
    if (await findUserByEmail(db, form.email!))
      throw new ValidationError({
        email: 'There is already an account with this email address: sign in instead',
      });
    const hash = await hashPassword(form.password);
    return db.transaction().execute(async (trx) => {
      const now = nowIso();
      const user = await trx
        .insertInto('users')
        .values({
          email: form.email!,
          display_name: form.displayName,
          password_hash: hash,
          person_id: null,
          disabled: 0,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('role_grants')
        .values({
          user_id: user.id,
          role: 'resident',
          partnership_id: null,
          organisation_id: null,
          created_at: now,
        })
        .execute();
      await trx
        .insertInto('engagement_residents')
        .values({ user_id: user.id, ward_id: form.wardId, created_at: now })
        .execute();
      await recordAudit(trx, null, {
        entityType: 'user',
        entityId: user.id,
        action: 'created',
        summary: `${form.displayName} registered as a resident to have their say`,
        after: { display_name: form.displayName, grants: [{ role: 'resident' }] },
      });
      return user.id;
    });
  }

  return {
    formContext,
    submit,
    youSaidWeDid,
    publicIdea,
    mine,
    queue,
    moderatorPage,
    history,
    moderate,
    responseContext,
    respond,
    deliver,
    register,
    areaChoices,
  };
}

/** The columns an idea's history shows: what was decided about it, never who sent it. */
function pick(row: Record<string, unknown>) {
  const keys = [
    'status',
    'rejection_reason',
    'rejection_note',
    'response',
    'decision_id',
    'action_id',
    'target_id',
  ];
  return Object.fromEntries(keys.map((k) => [k, row[k] ?? null]));
}

export type IdeaServices = ReturnType<typeof createIdeaServices>;
