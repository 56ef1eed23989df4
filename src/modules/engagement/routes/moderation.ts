import type { FastifyInstance } from 'fastify';
import { can } from '../../../domain/permissions.ts';
import { flash, renderFormFailure, type ConflictField } from '../../../platform/form-page.ts';
import type { EngagementServices } from '../index.ts';
import {
  ideaStatusHints,
  ideaStatusNames,
  publishedStatuses,
  rejectionReasonNames,
  rejectionReasons,
} from '../forms.ts';
import { ideaIdOf } from '../service.ts';

type Body = Record<string, unknown>;
type Params = { id: string };

const moderationFields: ConflictField[] = [
  { field: 'decision', column: '', label: 'Publish or not' },
  { field: 'reason', column: 'rejection_reason', label: 'Reason', names: rejectionReasonNames },
  { field: 'note', column: 'rejection_note', label: 'Note' },
];

const responseFields: ConflictField[] = [
  { field: 'status', column: 'status', label: 'Status', names: ideaStatusNames },
  { field: 'response', column: 'response', label: 'Response' },
  { field: 'decisionId', column: 'decision_id', label: 'Decision', choices: 'decisionChoices' },
  { field: 'actionId', column: 'action_id', label: 'Action', choices: 'actionChoices' },
  { field: 'targetId', column: 'target_id', label: 'Target', choices: 'targetChoices' },
];

/** The moderation queue, checking each submission, and answering published ones ("you said, we did"). */
export function registerModerationRoutes(app: FastifyInstance, services: EngagementServices) {
  const ideas = services.ideas;

  app.get('/engagement', { config: { access: 'engagement:moderate' } }, async (request, reply) =>
    reply.view('engagement/queue.njk', {
      title: 'Engagement: what residents and groups have sent',
      ...(await ideas.queue(request.actor)),
      mayManageSurveys: can(request.actor, 'surveys:manage'),
      mayManagePlace: can(request.actor, 'place:manage'),
    }),
  );

  app.post(
    '/engagement/messages/send',
    { config: { access: 'engagement:moderate' } },
    async (_request, reply) => {
      const { sent, failed } = await ideas.deliver();
      flash(
        reply,
        failed
          ? `${sent} sent; ${failed} could not be sent and will be tried again.`
          : `${sent} ${sent === 1 ? 'message' : 'messages'} sent.`,
      );
      return reply.redirect('/engagement', 303);
    },
  );

  const page = async (
    request: { actor: Parameters<typeof ideas.responseContext>[0] },
    id: number,
    values?: Body,
  ) => {
    const context = await ideas.responseContext(request.actor, id);
    const idea = context.idea;
    const choices = (items: { value: number; text: string }[]) =>
      items.map((i) => ({ id: i.value, name: i.text }));
    return {
      title: `${idea.reference}: ${idea.summary}`,
      ...context,
      decisionChoices: choices(context.decisionItems),
      actionChoices: choices(context.actionItems),
      targetChoices: choices(context.targetItems),
      reasonItems: rejectionReasons.map((r) => ({ value: r, text: rejectionReasonNames[r] })),
      statusItems: publishedStatuses.map((s) => ({
        value: s,
        text: ideaStatusNames[s],
        hint: { text: ideaStatusHints[s] },
      })),
      history: can(request.actor, 'history:view') ? await ideas.history(request.actor, id) : null,
      values: values ?? {
        version: idea.version,
        status: idea.published ? idea.status : 'received',
        response: idea.response ?? '',
        decisionId: idea.decision_id ?? '',
        actionId: idea.action_id ?? '',
        targetId: idea.target_id ?? '',
      },
    };
  };

  app.get<{ Params: Params }>(
    '/engagement/ideas/:id',
    { config: { access: 'engagement:moderate' } },
    async (request, reply) =>
      reply.view('engagement/moderate.njk', await page(request, ideaIdOf(request.params.id))),
  );

  app.post<{ Params: Params; Body: Body }>(
    '/engagement/ideas/:id/moderate',
    { config: { access: 'engagement:moderate' } },
    async (request, reply) => {
      const id = ideaIdOf(request.params.id);
      try {
        const { reference, published, told } = await ideas.moderate(request.actor, id, request.body);
        flash(
          reply,
          `${reference} ${published ? 'is published' : 'is not published'}.${told ? ' The person who sent it has been told by e-mail.' : ' They gave no e-mail address, so they have not been told.'}`,
        );
        return reply.redirect(published ? `/engagement/ideas/${id}#respond` : '/engagement', 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'engagement/moderate.njk',
          async () => ({ ...(await page(request, id)), values: request.body, failedForm: 'moderation' }),
          moderationFields,
        );
      }
    },
  );

  app.post<{ Params: Params; Body: Body }>(
    '/engagement/ideas/:id/response',
    { config: { access: 'engagement:moderate' } },
    async (request, reply) => {
      const id = ideaIdOf(request.params.id);
      try {
        const { reference, told } = await ideas.respond(request.actor, id, request.body);
        flash(
          reply,
          `The response to ${reference} is saved and published on “You said, we did”.${told ? ' The person who sent it has been told by e-mail.' : ''}`,
        );
        return reply.redirect(`/engagement/ideas/${id}`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'engagement/moderate.njk',
          async () => page(request, id, request.body),
          responseFields,
        );
      }
    },
  );
}
