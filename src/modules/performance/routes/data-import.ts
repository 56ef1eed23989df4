import type { FastifyInstance } from 'fastify';
import { flash, renderFormFailure } from '../../../platform/form-page.ts';
import { idParam } from '../../../platform/params.ts';
import { sendCsv, toCsv } from '../../../platform/csv.ts';
import { ValidationError } from '../../../platform/errors.ts';
import { isUploadedFile } from '../../../platform/uploads.ts';
import { layouts } from '../data-import.ts';

type Body = Record<string, unknown>;

/** The largest data file accepted: a million Fingertips rows are about 250 MB. */
export const largestDataFile = 1024 * 1024 * 1024;

/** Importing figures from a file: upload, watch the check, read the report, confirm. */
export function registerDataImportRoutes(app: FastifyInstance) {
  const imports = app.services.dataImports;
  const formPage = async (request: { actor: Parameters<typeof imports.recent>[0] }) => ({
    title: 'Import figures from a file',
    layouts,
    recent: await imports.recent(request.actor),
    values: {},
  });

  app.get('/data/import', { config: { access: 'data:import' } }, async (request, reply) =>
    reply.view('performance/data-import.njk', await formPage(request)),
  );

  app.post<{ Body: Body }>(
    '/data/import',
    {
      config: {
        access: 'data:import',
        uploadToDisk: true,
        multipartOptions: { limits: { fileSize: largestDataFile, files: 1, fields: 10 } },
      },
    },
    async (request, reply) => {
      try {
        const file = request.body?.file;
        if (!isUploadedFile(file)) throw new ValidationError({ file: 'Select a CSV file' });
        if (file.tooLarge)
          throw new ValidationError({
            file: `The file is too big: it must be smaller than ${largestDataFile / 1024 / 1024 / 1024} GB`,
          });
        const { id } = await imports.begin(request.actor, file);
        return reply.redirect(`/data/imports/${id}`, 303);
      } catch (error) {
        return renderFormFailure(reply, error, 'performance/data-import.njk', () => formPage(request), [
          { field: 'file', column: '', label: 'File' },
        ]);
      }
    },
  );

  app.get<{ Params: { id: string } }>(
    '/data/imports/:id',
    { config: { access: 'data:import' } },
    async (request, reply) => {
      const report = await imports.report(request.actor, idParam(request.params.id));
      return reply.view('performance/data-import-report.njk', {
        title: report.import.status === 'imported' ? 'Figures imported' : 'Check the figures to import',
        ...report,
        layoutName: layouts[report.import.layout as keyof typeof layouts]?.name,
        values: {},
      });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/data/imports/:id/rejected.csv',
    { config: { access: 'data:import' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      const rows = await imports.rejectedRows(request.actor, id);
      return sendCsv(
        reply,
        `rejected-rows-${id}.csv`,
        toCsv(
          [
            { header: 'row', value: (r) => r.row_number },
            { header: 'why it was rejected', value: (r) => r.reason },
            { header: 'start of the row', value: (r) => r.excerpt },
          ],
          rows,
        ),
      );
    },
  );

  app.post<{ Params: { id: string }; Body: Body }>(
    '/data/imports/:id/confirm',
    { config: { access: 'data:import' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      try {
        const result = await imports.confirm(request.actor, id, request.body ?? {});
        flash(
          reply,
          `Imported: ${result.added.toLocaleString('en-GB')} new values, ${result.changed.toLocaleString('en-GB')} changed, ${result.unchanged.toLocaleString('en-GB')} already as in the file.`,
        );
        return reply.redirect(`/data/imports/${id}`, 303);
      } catch (error) {
        return renderFormFailure(reply, error, 'performance/data-import-report.njk', async () => {
          const report = await imports.report(request.actor, id);
          return {
            title: 'Check the figures to import',
            ...report,
            layoutName: layouts[report.import.layout as keyof typeof layouts]?.name,
            values: request.body ?? {},
          };
        });
      }
    },
  );
}
