import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { PlaceshaperModule } from '../module.ts';
import { flash, renderFormFailure } from '../../platform/form-page.ts';
import { roleKinds, roleLabels } from '../../domain/permissions.ts';
import { idParam } from '../../platform/params.ts';

type Body = Record<string, unknown>;

/** Only same-site paths of printable ASCII are followed after sign-in (anything else could not be a Location). */
function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[\x21-\x5b\x5d-\x7e]*$/.test(value) ? value : '/manage';
}

export const accountsModule: PlaceshaperModule = {
  name: 'accounts',
  viewsDirectory: path.resolve(import.meta.dirname, 'views'),
  navigation: [{ text: 'Manage', href: '/manage', requires: 'workspace:view' }],
  routes(app: FastifyInstance) {
    const accounts = app.services.accounts;

    app.get<{ Querystring: { returnTo?: string } }>(
      '/sign-in',
      { config: { access: 'public' } },
      async (request, reply) => {
        if (request.actor) return reply.redirect(safeReturnTo(request.query.returnTo), 303);
        return reply.view('accounts/sign-in.njk', {
          title: 'Sign in',
          values: { returnTo: request.query.returnTo ?? '' },
        });
      },
    );

    app.post<{ Body: Body }>(
      '/sign-in',
      {
        config: {
          access: 'public',
          rateLimit: { max: app.config.signInAttemptsPer10Minutes, timeWindow: '10 minutes' },
        },
      },
      async (request, reply) => {
        const values = { email: request.body.email, returnTo: request.body.returnTo };
        try {
          const userId = await accounts.signIn(request.body);
          await request.session.regenerate();
          request.session.set('userId', userId);
          return reply.redirect(safeReturnTo(request.body.returnTo), 303);
        } catch (error) {
          return renderFormFailure(reply, error, 'accounts/sign-in.njk', { title: 'Sign in', values }, [
            { field: 'email', column: 'email', label: 'Email address' },
            { field: 'password', column: 'password', label: 'Password' },
          ]);
        }
      },
    );

    app.post('/sign-out', { config: { access: 'public' } }, async (request, reply) => {
      await request.session.destroy();
      return reply.redirect('/', 303);
    });

    app.get('/account', { config: { access: 'workspace:view' } }, async (request, reply) => {
      const user = await accounts.user(request.actor!.userId);
      return reply.view('accounts/account.njk', { title: 'Your account', user, roleLabels });
    });

    app.get('/account/password', { config: { access: 'workspace:view' } }, async (_request, reply) =>
      reply.view('accounts/password.njk', { title: 'Change your password', values: {} }),
    );

    app.post<{ Body: Body }>(
      '/account/password',
      { config: { access: 'workspace:view' } },
      async (request, reply) => {
        try {
          await accounts.changePassword(request.actor!, request.body);
          flash(reply, 'Your password has been changed.');
          return reply.redirect('/account', 303);
        } catch (error) {
          return renderFormFailure(
            reply,
            error,
            'accounts/password.njk',
            { title: 'Change your password', values: {} },
            [
              { field: 'currentPassword', column: '', label: 'Current password' },
              { field: 'password', column: '', label: 'New password' },
              { field: 'confirmPassword', column: '', label: 'Confirm new password' },
            ],
          );
        }
      },
    );

    app.get('/setup', { config: { access: 'public' } }, async (_request, reply) => {
      if (!(await app.services.place.needsSetup())) return reply.redirect('/sign-in', 303);
      return reply.view('accounts/setup.njk', { title: 'Set up Placeshaper', values: {} });
    });

    app.post<{ Body: Body }>('/setup', { config: { access: 'public' } }, async (request, reply) => {
      const { password: _p, confirmPassword: _c, ...values } = request.body;
      try {
        const userId = await app.services.place.setUp(request.body);
        await request.session.regenerate();
        request.session.set('userId', userId);
        flash(reply, 'The site is set up and you are signed in as its administrator.');
        return reply.redirect('/manage', 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'accounts/setup.njk',
          { title: 'Set up Placeshaper', values },
          setupFields,
        );
      }
    });

    // Accounts and roles (site administrators)

    const userFormContext = async () => ({
      people: await app.services.registry.people.list(),
    });

    app.get('/admin/users', { config: { access: 'users:manage' } }, async (_request, reply) =>
      reply.view('accounts/users.njk', {
        title: 'Accounts and roles',
        users: await accounts.usersWithGrants(),
        roleLabels,
      }),
    );

    app.get('/admin/users/new', { config: { access: 'users:manage' } }, async (_request, reply) =>
      reply.view('accounts/user-form.njk', {
        title: 'Create an account',
        values: {},
        ...(await userFormContext()),
      }),
    );

    app.post<{ Body: Body }>(
      '/admin/users/new',
      { config: { access: 'users:manage' } },
      async (request, reply) => {
        const { password: _p, confirmPassword: _c, ...values } = request.body;
        try {
          const id = await accounts.createUser(request.actor, request.body);
          flash(reply, `Account created for ${String(values.displayName)}. Give them a role below.`);
          return reply.redirect(`/admin/users/${id}`, 303);
        } catch (error) {
          return renderFormFailure(
            reply,
            error,
            'accounts/user-form.njk',
            { title: 'Create an account', values, ...(await userFormContext()) },
            [
              { field: 'displayName', column: '', label: 'Name' },
              { field: 'email', column: '', label: 'Email address' },
              { field: 'personId', column: '', label: 'Person' },
              { field: 'password', column: '', label: 'Password' },
              { field: 'confirmPassword', column: '', label: 'Confirm password' },
            ],
          );
        }
      },
    );

    const userPage = async (id: number, extra: Record<string, unknown> = {}) => ({
      title: 'Account',
      user: await accounts.user(id),
      roleLabels,
      roleOptions: roleKinds.map((role) => ({ value: role, text: roleLabels[role] })),
      partnerships: await app.services.registry.partnerships.list(),
      organisations: await app.services.registry.organisations.list(),
      history: await app.services.registry.history('user', id),
      values: {},
      ...extra,
    });

    app.get<{ Params: { id: string } }>(
      '/admin/users/:id',
      { config: { access: 'users:manage' } },
      async (request, reply) => reply.view('accounts/user.njk', await userPage(idParam(request.params.id))),
    );

    app.post<{ Params: { id: string }; Body: Body }>(
      '/admin/users/:id/roles',
      { config: { access: 'users:manage' } },
      async (request, reply) => {
        const id = idParam(request.params.id);
        try {
          await accounts.addGrant(request.actor!, id, request.body);
          flash(reply, 'Role added.');
          return reply.redirect(`/admin/users/${id}`, 303);
        } catch (error) {
          return renderFormFailure(
            reply,
            error,
            'accounts/user.njk',
            await userPage(id, { values: request.body }),
            [
              { field: 'role', column: '', label: 'Role' },
              { field: 'partnershipId', column: '', label: 'Partnership' },
              { field: 'organisationId', column: '', label: 'Organisation' },
            ],
          );
        }
      },
    );

    for (const [action, disabled] of [
      ['disable', true],
      ['enable', false],
    ] as const) {
      app.post<{ Params: { id: string } }>(
        `/admin/users/:id/${action}`,
        { config: { access: 'users:manage' } },
        async (request, reply) => {
          const id = idParam(request.params.id);
          try {
            await accounts.setDisabled(request.actor!, id, disabled);
            flash(
              reply,
              disabled
                ? 'The account is disabled. They can no longer sign in.'
                : 'The account is enabled again.',
            );
            return reply.redirect(`/admin/users/${id}`, 303);
          } catch (error) {
            return renderFormFailure(reply, error, 'accounts/user.njk', await userPage(id));
          }
        },
      );
    }

    app.post<{ Params: { id: string; grantId: string } }>(
      '/admin/users/:id/roles/:grantId/remove',
      { config: { access: 'users:manage' } },
      async (request, reply) => {
        const id = idParam(request.params.id);
        try {
          await accounts.removeGrant(request.actor!, id, idParam(request.params.grantId));
          flash(reply, 'Role removed.');
          return reply.redirect(`/admin/users/${id}`, 303);
        } catch (error) {
          return renderFormFailure(reply, error, 'accounts/user.njk', await userPage(id));
        }
      },
    );
  },
};

const setupFields = [
  { field: 'placeName', column: '', label: 'Name of the place' },
  { field: 'placeKind', column: '', label: 'Kind of place' },
  { field: 'gssCode', column: '', label: 'GSS code' },
  { field: 'displayName', column: '', label: 'Your name' },
  { field: 'email', column: '', label: 'Email address' },
  { field: 'password', column: '', label: 'Password' },
  { field: 'confirmPassword', column: '', label: 'Confirm password' },
];
