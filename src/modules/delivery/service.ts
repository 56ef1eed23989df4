import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import * as repo from './repository.ts';

export const updateRags = ['green', 'amber', 'red'] as const;
export type UpdateRag = (typeof updateRags)[number];
export const updateRagNames: Record<UpdateRag, string> = {
  green: 'On track',
  amber: 'Some slippage',
  red: 'Serious problems',
};

/** The delivery module's use cases: permission check, validation, one transaction with its audit entry. */
export function createDeliveryServices(db: Kysely<Database>) {
  async function withLatestUpdates(actions: repo.ActionWithContext[]) {
    const latest = new Map(
      (
        await repo.latestUpdates(
          db,
          actions.map((a) => a.id),
        )
      ).map((u) => [u.action_id, u]),
    );
    return actions.map((action) => {
      const update = latest.get(action.id);
      return {
        ...action,
        latestUpdate: update
          ? { ...update, ragName: updateRagNames[update.rag as UpdateRag] ?? update.rag }
          : null,
      };
    });
  }

  /** The actions behind one target, for its public page. */
  async function actionsForTarget(targetId: number) {
    return withLatestUpdates(await repo.actionsWithContext(db, { targetId }));
  }

  return { db, actionsForTarget };
}

export type DeliveryServices = ReturnType<typeof createDeliveryServices>;
