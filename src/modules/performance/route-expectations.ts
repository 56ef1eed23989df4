import type { RouteExpectations } from '../../testing/route-roles.ts';
import { admins, everyone } from '../../testing/route-roles.ts';

/** Who may reach each route of the performance module (walked by src/permissions-by-route.test.ts). */
export const performanceRouteExpectations: RouteExpectations = {
  expected: {
    'GET /dashboard': everyone,
    'GET /dashboard/targets/:id': everyone,
    'GET /dashboard.csv': everyone,
    'GET /dashboard.xlsx': everyone,
    'GET /api/v1/targets': everyone,
    'GET /indicators': everyone,
    'GET /indicators/:id': everyone,
    'POST /indicators/from-pack': admins,
    'GET /indicators/new': admins,
    'POST /indicators/new': admins,
    'GET /indicators/:id/edit': admins,
    'POST /indicators/:id/edit': admins,
    // The police's partner officer records figures for the targets the police lead.
    'GET /indicators/:id/data/new': [...admins, 'officer'],
    'POST /indicators/:id/data/new': [...admins, 'officer'],
    'GET /data-points/:id/edit': [...admins, 'officer'],
    'POST /data-points/:id/edit': [...admins, 'officer'],
    'GET /admin/performance': admins,
    'POST /admin/performance': admins,
    'GET /agreements': everyone,
    'GET /agreements/new': admins,
    'POST /agreements/new': admins,
    'GET /agreements/:slug': everyone,
    'GET /agreements/:slug/edit': admins,
    'POST /agreements/:slug/edit': admins,
    'GET /agreements/:slug/targets/new': admins,
    'POST /agreements/:slug/targets/new': admins,
    'GET /targets/:id/edit': admins,
    'GET /reports/annual': everyone,
    'GET /reports/annual/:year': everyone,
    'GET /data/import': admins,
    'POST /data/import': admins,
    'GET /data/imports/:id': admins,
    'GET /data/imports/:id/rejected.csv': admins,
    'POST /data/imports/:id/confirm': admins,
    'POST /targets/:id/edit': admins,
  },
  params: async (db) => {
    const firstYear = await db.selectFrom('agreements').select('first_year').executeTakeFirstOrThrow();
    // A target the police lead, so the officer may record its figures.
    const policeTarget = await db
      .selectFrom('targets')
      .innerJoin('organisations', 'organisations.id', 'targets.lead_organisation_id')
      .select(['targets.id', 'targets.indicator_id', 'targets.area_id'])
      .where('organisations.slug', '=', 'brackenshire-constabulary')
      .orderBy('targets.id')
      .executeTakeFirstOrThrow();
    const point = await db
      .selectFrom('data_points')
      .select('id')
      .where('indicator_id', '=', policeTarget.indicator_id)
      .where('area_id', '=', policeTarget.area_id)
      .executeTakeFirstOrThrow();
    return {
      '/dashboard/targets/:id': `/dashboard/targets/${policeTarget.id}`,
      '/targets/:id': `/targets/${policeTarget.id}`,
      '/indicators/:id': `/indicators/${policeTarget.indicator_id}`,
      '/data-points/:id': `/data-points/${point.id}`,
      '/agreements/:slug': '/agreements/kelmsfield-local-area-agreement',
      // No file has been imported: admins are let in and find no such import (404).
      '/data/imports/:id': '/data/imports/999999',
      ':year': `${firstYear.first_year}-${String((firstYear.first_year + 1) % 100).padStart(2, '0')}`,
    };
  },
};
