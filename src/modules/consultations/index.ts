import path from 'node:path';
import type { PlaceshaperModule } from '../module.ts';
import { registerConsultationRoutes } from './routes/consultations.ts';
import { registerQuestionRoutes } from './routes/questions.ts';
import { registerRespondingRoutes } from './routes/responding.ts';
import { registerDraftingRoutes } from './routes/drafting.ts';
import { registerOutputRoutes } from './routes/outputs.ts';
import { loadConsultationsDemo } from './demo.ts';

/**
 * Collective responses to outside consultations (seed 004): partners' views by a date, a
 * composite draft traced to them, endorsement by a deadline, and a final response holding
 * only what no partner refused, with each partner's own response to send separately.
 */
export const consultationsModule: PlaceshaperModule = {
  name: 'consultations',
  viewsDirectory: path.resolve(import.meta.dirname, 'views'),
  navigation: [{ text: 'Consultations', href: '/consultations' }],
  routes(app) {
    const consultations = app.services.consultations;
    registerConsultationRoutes(app, consultations);
    registerQuestionRoutes(app, consultations);
    registerRespondingRoutes(app, consultations);
    registerDraftingRoutes(app, consultations);
    registerOutputRoutes(app, consultations);
  },
  loadDemo: loadConsultationsDemo,
};
