import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { actions, can, isResidentOnly, permissionTable, type Actor, type Grant } from './permissions.ts';

const actor = (...grants: Grant[]): Actor => ({ userId: 1, name: 'Someone', grants });

describe('the permission table', () => {
  it('lets the public do nothing that needs permission', () => {
    for (const action of actions) assert.equal(can(null, action), false, action);
  });

  it('lets a site administrator do everything', () => {
    for (const action of actions) assert.equal(can(actor({ role: 'site_admin' }), action), true, action);
  });

  it('lets the secretariat run the registry but not manage accounts', () => {
    const secretariat = actor({ role: 'secretariat' });
    for (const action of actions) assert.equal(can(secretariat, action), action !== 'users:manage', action);
  });

  it('keeps a chair or secretary to their partnership and its sub-groups', () => {
    const chair = actor({ role: 'partnership_manager', partnershipId: 5 });
    assert.equal(can(chair, 'partnerships:edit', { partnershipLine: [5, 1] }), true, 'their own partnership');
    assert.equal(can(chair, 'partnerships:edit', { partnershipLine: [9, 5, 1] }), true, 'a sub-group');
    assert.equal(can(chair, 'partnerships:edit', { partnershipLine: [1] }), false, 'the board above them');
    assert.equal(can(chair, 'memberships:manage', { partnershipLine: [7, 1] }), false, 'a sibling');
    assert.equal(can(chair, 'partnerships:edit'), true, 'somewhere, so the link is shown');
    assert.equal(can(chair, 'organisations:create'), false);
    assert.equal(can(chair, 'users:manage'), false);
  });

  it('keeps a partner officer to their own organisation', () => {
    const officer = actor({ role: 'partner_officer', organisationId: 3 });
    assert.equal(can(officer, 'organisations:edit', { organisationId: 3 }), true);
    assert.equal(can(officer, 'organisations:edit', { organisationId: 4 }), false);
    assert.equal(can(officer, 'partnerships:edit', { partnershipLine: [1] }), false);
    assert.equal(can(officer, 'organisations:create'), false);
  });

  it('gives a member their partnership’s meetings, the workspace and history only', () => {
    const member = actor({ role: 'member', partnershipId: 1 });
    assert.deepEqual(
      actions.filter((action) => can(member, action)),
      [
        'meetings:view-restricted',
        'meetings:take-part',
        'consultations:respond',
        'history:view',
        'workspace:view',
      ],
    );
    assert.equal(can(member, 'meetings:take-part', { partnershipLine: [2] }), false);
  });

  it('lets councillors raise a call for action and overview and scrutiny handle it, and nothing more', () => {
    const councillor = actor({ role: 'councillor' });
    const scrutiny = actor({ role: 'scrutiny_officer' });
    assert.deepEqual(
      actions.filter((action) => can(councillor, action)),
      ['ccfa:raise', 'history:view', 'workspace:view'],
    );
    assert.deepEqual(
      actions.filter((action) => can(scrutiny, action)),
      ['ccfa:manage', 'history:view', 'workspace:view'],
    );
  });

  it('combines several grants', () => {
    const both = actor(
      { role: 'partner_officer', organisationId: 3 },
      { role: 'partnership_manager', partnershipId: 5 },
    );
    assert.equal(can(both, 'organisations:edit', { organisationId: 3 }), true);
    assert.equal(can(both, 'partnerships:edit', { partnershipLine: [5] }), true);
  });

  it('lets a partnership’s managers run its consultation responses and its partners answer for their own organisation', () => {
    const chair = actor({ role: 'partnership_manager', partnershipId: 5 });
    const officer = actor({ role: 'partner_officer', organisationId: 3 });
    const member = actor({ role: 'member', partnershipId: 5 });
    assert.equal(can(chair, 'consultations:manage', { partnershipLine: [9, 5, 1] }), true);
    assert.equal(can(chair, 'consultations:manage', { partnershipLine: [1] }), false, 'the board above them');
    assert.equal(can(officer, 'consultations:respond', { organisationId: 3 }), true);
    assert.equal(can(officer, 'consultations:respond', { organisationId: 4 }), false);
    assert.equal(can(officer, 'consultations:manage'), false);
    assert.equal(can(member, 'consultations:respond', { partnershipLine: [5, 1] }), true);
    assert.equal(can(member, 'consultations:respond', { partnershipLine: [7, 1] }), false, 'a sibling');
    assert.equal(can(member, 'consultations:manage'), false);
  });

  it('lets a resident have their account and nothing of the partnership’s, not even histories', () => {
    const resident = actor({ role: 'resident' });
    assert.deepEqual(
      actions.filter((action) => can(resident, action)),
      ['workspace:view'],
    );
    assert.equal(isResidentOnly(resident), true);
    assert.equal(isResidentOnly(actor({ role: 'resident' }, { role: 'councillor' })), false);
    assert.equal(can(actor({ role: 'resident' }, { role: 'councillor' }), 'history:view'), true);
    assert.equal(can(actor(), 'history:view'), true, 'an account given no role yet is not a resident');
    assert.equal(isResidentOnly(null), false);
  });

  it('lets a partnership’s managers moderate input and run surveys for their own partnership', () => {
    const chair = actor({ role: 'partnership_manager', partnershipId: 5 });
    assert.equal(can(chair, 'engagement:moderate', { partnershipLine: [9, 5, 1] }), true);
    assert.equal(can(chair, 'engagement:moderate', { partnershipLine: [1] }), false, 'the board above them');
    assert.equal(
      can(chair, 'engagement:moderate', { partnershipLine: [] }),
      false,
      'input for no partnership',
    );
    assert.equal(can(chair, 'surveys:manage', { partnershipLine: [5, 1] }), true);
    assert.equal(can(chair, 'surveys:manage', { partnershipLine: [7, 1] }), false, 'a sibling');
    for (const role of ['member', 'partner_officer', 'councillor', 'scrutiny_officer'] as const) {
      const someone = actor(
        role === 'member'
          ? { role, partnershipId: 5 }
          : role === 'partner_officer'
            ? { role, organisationId: 3 }
            : { role },
      );
      assert.equal(can(someone, 'engagement:moderate'), false, role);
      assert.equal(can(someone, 'surveys:manage'), false, role);
    }
  });

  it('has a rule for every action', () => {
    for (const action of actions) assert.ok(permissionTable[action].length > 0, action);
  });
});
