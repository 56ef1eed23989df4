import { accountsModule } from './accounts/index.ts';
import { coreModule } from './core/index.ts';
import { registryModule } from './registry/index.ts';
import { strategyModule } from './strategy/index.ts';
import { performanceModule } from './performance/index.ts';
import { deliveryModule } from './delivery/index.ts';
import { meetingsModule } from './meetings/index.ts';
import { accountabilityModule } from './accountability/index.ts';
import { consultationsModule } from './consultations/index.ts';
import { engagementModule } from './engagement/index.ts';
import type { PlaceshaperModule } from './module.ts';

/** Every capability of Placeshaper, in the order their navigation and demo data appear. */
export const modules: PlaceshaperModule[] = [
  coreModule,
  registryModule,
  strategyModule,
  performanceModule,
  deliveryModule,
  meetingsModule,
  accountabilityModule,
  consultationsModule,
  engagementModule,
  accountsModule,
];
