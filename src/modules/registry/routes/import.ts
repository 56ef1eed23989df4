import type { FastifyInstance } from 'fastify';
import { NotFoundError, ValidationError } from '../../../platform/errors.ts';
import { flash, renderFormFailure } from '../../../platform/form-page.ts';
import { importColumns, importKinds, type ImportKind } from '../import-service.ts';
import { idParam, type Body } from './params.ts';

function kindParam(value: string): ImportKind {
  if (!(importKinds as readonly string[]).includes(value)) throw new NotFoundError();
  return value as ImportKind;
}

export function registerImportRoutes(app: FastifyInstance) {
  const imports = app.services.imports;
  const page = (kind: ImportKind) => ({
    title: `Import ${kind} from a CSV file`,
    kind,
    columns: importColumns[kind],
    values: {},
  });

  app.get<{ Params: { kind: string } }>(
    '/import/:kind',
    { config: { access: 'registry:import' } },
    async (request, reply) => reply.view('registry/import.njk', page(kindParam(request.params.kind))),
  );

  app.post<{ Params: { kind: string }; Body: Body }>(
    '/import/:kind',
    { config: { access: 'registry:import' } },
    async (request, reply) => {
      const kind = kindParam(request.params.kind);
      const file = request.body.file;
      try {
        const text = Buffer.isBuffer(file) ? file.toString('utf8') : typeof file === 'string' ? file : '';
        if (file === undefined || file === '') throw new ValidationError({ file: 'Select a CSV file' });
        const result = await imports.check(request.actor, kind, 'upload.csv', text);
        return reply.code(result.problems.length ? 400 : 200).view('registry/import-report.njk', {
          ...page(kind),
          title: `Check the ${kind} to import`,
          result,
        });
      } catch (error) {
        return renderFormFailure(reply, error, 'registry/import.njk', page(kind), [
          { field: 'file', column: '', label: 'File' },
        ]);
      }
    },
  );

  app.post<{ Params: { id: string }; Body: Body }>(
    '/import/batches/:id/confirm',
    { config: { access: 'registry:import' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      try {
        const { imported, kind } = await imports.commit(request.actor, id);
        flash(
          reply,
          `${imported} ${kind === 'people' ? (imported === 1 ? 'person' : 'people') : imported === 1 ? 'organisation' : 'organisations'} imported.`,
        );
        return reply.redirect(`/${kind}`, 303);
      } catch (error) {
        const batch = await imports.batch(request.actor, id);
        return renderFormFailure(reply, error, 'registry/import.njk', page(batch.kind as ImportKind));
      }
    },
  );
}
