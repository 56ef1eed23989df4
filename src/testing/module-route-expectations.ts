import type { RouteExpectations } from './route-roles.ts';
import { strategyRouteExpectations } from '../modules/strategy/route-expectations.ts';
import { performanceRouteExpectations } from '../modules/performance/route-expectations.ts';
import { deliveryRouteExpectations } from '../modules/delivery/route-expectations.ts';
import { accountabilityRouteExpectations } from '../modules/accountability/route-expectations.ts';
import { meetingsRouteExpectations } from '../modules/meetings/route-expectations.ts';
import { consultationsRouteExpectations } from '../modules/consultations/route-expectations.ts';
import { engagementRouteExpectations } from '../modules/engagement/route-expectations.ts';

/** Every later module's statement of who may reach its routes. */
export const moduleRouteExpectations: RouteExpectations[] = [
  strategyRouteExpectations,
  performanceRouteExpectations,
  deliveryRouteExpectations,
  accountabilityRouteExpectations,
  meetingsRouteExpectations,
  consultationsRouteExpectations,
  engagementRouteExpectations,
];
