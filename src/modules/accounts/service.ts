import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { can, roleKinds, type Actor, type Grant } from '../../domain/permissions.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { choice, emailAddress, optionalId, parseForm, requiredText } from '../../platform/forms.ts';
import { recordAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/time.ts';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords.ts';
import * as repo from './repository.ts';
import { groupBy } from '../../platform/collections.ts';

export const minimumPasswordLength = 12;

export const newPasswordFields = {
  password: z
    .string({ error: 'Enter a password' })
    .min(1, 'Enter a password')
    .min(minimumPasswordLength, `Password must be at least ${minimumPasswordLength} characters long`)
    .max(200, 'Password must be 200 characters or fewer'),
  confirmPassword: z.string().optional(),
};

function passwordsMatch(value: { password: string; confirmPassword?: string }, ctx: z.RefinementCtx) {
  if (value.password !== value.confirmPassword) {
    ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'The passwords do not match' });
  }
}

const signInForm = z.object({
  email: emailAddress('your email address', true),
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password'),
});

const changePasswordForm = z
  .object({
    currentPassword: z.string({ error: 'Enter your current password' }).min(1, 'Enter your current password'),
    ...newPasswordFields,
  })
  .superRefine(passwordsMatch);

const newUserForm = z
  .object({
    displayName: requiredText('the person’s name'),
    email: emailAddress('an email address', true),
    personId: optionalId('Choose a person from the list'),
    ...newPasswordFields,
  })
  .superRefine(passwordsMatch);

const grantForm = z
  .object({
    role: choice(roleKinds, 'Choose a role'),
    partnershipId: optionalId('Choose a partnership'),
    organisationId: optionalId('Choose an organisation'),
  })
  .superRefine((value, ctx) => {
    if ((value.role === 'partnership_manager' || value.role === 'member') && !value.partnershipId) {
      ctx.addIssue({
        code: 'custom',
        path: ['partnershipId'],
        message: 'Choose the partnership this role is for',
      });
    }
    if (value.role === 'partner_officer' && !value.organisationId) {
      ctx.addIssue({
        code: 'custom',
        path: ['organisationId'],
        message: 'Choose the organisation this role is for',
      });
    }
  });

export function createAccountServices(db: Kysely<Database>) {
  async function actorFor(userId: number): Promise<Actor | null> {
    const user = await repo.findUserById(db, userId);
    if (!user || user.disabled) return null;
    const grants = (await repo.grantsOfUser(db, userId))
      .map(repo.grantFromRow)
      .filter((g): g is Grant => g !== null);
    return { userId: user.id, name: user.display_name, grants };
  }

  /** Checks an email and password; the same message whichever was wrong. */
  async function signIn(input: unknown): Promise<number> {
    const form = parseForm(signInForm, input);
    const user = await repo.findUserByEmail(db, form.email!);
    const ok = await verifyPassword(user?.password_hash ?? (await decoyPasswordHash()), form.password);
    if (!user || !ok || user.disabled) {
      throw new ValidationError({ email: 'Enter a correct email address and password' });
    }
    await db.updateTable('users').set({ last_signed_in_at: nowIso() }).where('id', '=', user.id).execute();
    return user.id;
  }

  async function changePassword(actor: Actor, input: unknown): Promise<void> {
    const form = parseForm(changePasswordForm, input);
    const user = await repo.findUserById(db, actor.userId);
    if (!user) throw new NotFoundError('account');
    if (!(await verifyPassword(user.password_hash, form.currentPassword))) {
      throw new ValidationError({ currentPassword: 'Your current password is not correct' });
    }
    const hash = await hashPassword(form.password);
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ password_hash: hash, updated_at: nowIso(), version: user.version + 1 })
        .where('id', '=', user.id)
        .execute();
      await recordAudit(trx, actor, {
        entityType: 'user',
        entityId: user.id,
        action: 'updated',
        summary: 'Changed their password',
      });
    });
  }

  async function createUser(actor: Actor | null, input: unknown, grants: Grant[] = []): Promise<number> {
    if (actor && !can(actor, 'users:manage')) throw new ForbiddenError();
    const form = parseForm(newUserForm, input);
    if (await repo.findUserByEmail(db, form.email!)) {
      throw new ValidationError({ email: 'There is already an account with this email address' });
    }
    if (
      form.personId &&
      !(await db.selectFrom('people').select('id').where('id', '=', form.personId).executeTakeFirst())
    ) {
      throw new ValidationError({ personId: 'Choose a person from the list' });
    }
    const hash = await hashPassword(form.password);
    return db.transaction().execute(async (trx) => {
      const now = nowIso();
      const user = await trx
        .insertInto('users')
        .values({
          email: form.email!,
          display_name: form.displayName,
          password_hash: hash,
          person_id: form.personId,
          disabled: 0,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const grant of grants) await insertGrant(trx, user.id, grant);
      await recordAudit(trx, actor, {
        entityType: 'user',
        entityId: user.id,
        action: 'created',
        summary: `Created the account for ${form.displayName}`,
        after: { email: form.email, display_name: form.displayName, grants },
      });
      return user.id;
    });
  }

  async function insertGrant(trx: Kysely<Database>, userId: number, grant: Grant) {
    await trx
      .insertInto('role_grants')
      .values({
        user_id: userId,
        role: grant.role,
        partnership_id: 'partnershipId' in grant ? grant.partnershipId : null,
        organisation_id: 'organisationId' in grant ? grant.organisationId : null,
        created_at: nowIso(),
      })
      .execute();
  }

  async function addGrant(actor: Actor, userId: number, input: unknown): Promise<void> {
    if (!can(actor, 'users:manage')) throw new ForbiddenError();
    const user = await repo.findUserById(db, userId);
    if (!user) throw new NotFoundError('account');
    const form = parseForm(grantForm, input);
    if (
      (form.role === 'partnership_manager' || form.role === 'member') &&
      !(await db
        .selectFrom('partnerships')
        .select('id')
        .where('id', '=', form.partnershipId!)
        .executeTakeFirst())
    ) {
      throw new ValidationError({ partnershipId: 'Choose a partnership from the list' });
    }
    if (
      form.role === 'partner_officer' &&
      !(await db
        .selectFrom('organisations')
        .select('id')
        .where('id', '=', form.organisationId!)
        .executeTakeFirst())
    ) {
      throw new ValidationError({ organisationId: 'Choose an organisation from the list' });
    }
    const grant: Grant =
      form.role === 'partnership_manager' || form.role === 'member'
        ? { role: form.role, partnershipId: form.partnershipId! }
        : form.role === 'partner_officer'
          ? { role: form.role, organisationId: form.organisationId! }
          : { role: form.role };
    await db.transaction().execute(async (trx) => {
      await insertGrant(trx, userId, grant);
      await recordAudit(trx, actor, {
        entityType: 'user',
        entityId: userId,
        action: 'updated',
        summary: `Gave ${user.display_name} the role ${grant.role}`,
        after: grant,
      });
    });
  }

  async function removeGrant(actor: Actor, userId: number, grantId: number): Promise<void> {
    if (!can(actor, 'users:manage')) throw new ForbiddenError();
    const grant = await db
      .selectFrom('role_grants')
      .selectAll()
      .where('id', '=', grantId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!grant) throw new NotFoundError('role');
    if (grant.role === 'site_admin' && userId === actor.userId) {
      throw new ValidationError({ form: 'You cannot remove your own administrator role' });
    }
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('role_grants').where('id', '=', grantId).execute();
      await recordAudit(trx, actor, {
        entityType: 'user',
        entityId: userId,
        action: 'updated',
        summary: `Removed the role ${grant.role}`,
        before: grant,
      });
    });
  }

  /** Disabling keeps the account and its history; the person is signed out on their next request. */
  async function setDisabled(actor: Actor, userId: number, disabled: boolean): Promise<void> {
    if (!can(actor, 'users:manage')) throw new ForbiddenError();
    const user = await repo.findUserById(db, userId);
    if (!user) throw new NotFoundError('account');
    if (disabled && userId === actor.userId) {
      throw new ValidationError({ form: 'You cannot disable your own account' });
    }
    if ((user.disabled === 1) === disabled) return;
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ disabled: disabled ? 1 : 0, version: user.version + 1, updated_at: nowIso() })
        .where('id', '=', userId)
        .execute();
      if (disabled) {
        // Sessions are JSON; match the whole number so user 5 never ends user 50's session.
        await trx
          .deleteFrom('sessions')
          .where((eb) =>
            eb.or([eb('data', 'like', `%"userId":${userId},%`), eb('data', 'like', `%"userId":${userId}}%`)]),
          )
          .execute();
      }
      await recordAudit(trx, actor, {
        entityType: 'user',
        entityId: userId,
        action: 'updated',
        summary: `${disabled ? 'Disabled' : 'Enabled'} the account of ${user.display_name}`,
        before: { disabled: user.disabled },
        after: { disabled: disabled ? 1 : 0 },
      });
    });
  }

  async function usersWithGrants() {
    const [users, grants] = await Promise.all([repo.listUsers(db), repo.listAllGrants(db)]);
    const byUser = groupBy(grants, (grant) => grant.user_id);
    return users.map((user) => ({ ...user, grants: byUser.get(user.id) ?? [] }));
  }

  async function user(id: number) {
    const found = await repo.findUserById(db, id);
    if (!found) throw new NotFoundError('account');
    const grants = (await repo.listAllGrants(db)).filter((grant) => grant.user_id === id);
    return { ...found, grants };
  }

  return {
    actorFor,
    signIn,
    changePassword,
    createUser,
    addGrant,
    removeGrant,
    setDisabled,
    usersWithGrants,
    user,
    countUsers: () => repo.countUsers(db),
  };
}

export type AccountServices = ReturnType<typeof createAccountServices>;
