import { IMPORT_MAX_BYTES, ZImportPreview, ZImportRequest, ZImportResult } from '@loopdesk/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../platform/errors';
import type { Services } from '../../platform/services';
import { tooLarge } from './imports.files';

// The file travels as base64 in JSON (4 bytes per 3), with room for the mapping; the global
// limit of 1 MiB stays for every other route.
const BODY_LIMIT = Math.ceil((IMPORT_MAX_BYTES * 4) / 3) + 256 * 1024;

export function importsRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/cases/imports', {
    config: { access: 'cases.intake' },
    bodyLimit: BODY_LIMIT,
    // Nobody signed out gets to make us read megabytes (access proper is checked after parsing).
    onRequest: async (req) => {
      if (!req.ctx.actor) throw new AppError('unauthenticated', 'sign in first');
    },
    // Over the body limit: say which limit, then let the app's handler answer.
    errorHandler: (error) => {
      throw (error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? tooLarge() : error;
    },
    schema: {
      tags: ['cases'],
      summary: 'Import cases from CSV or XLSX: dryRun true reports every bad row and writes nothing; false imports every row or none',
      body: ZImportRequest,
      response: { 200: ZImportPreview, 201: ZImportResult },
    },
    handler: async (req, reply) =>
      req.body.dryRun ? reply.status(200).send(await s.imports.preview(req.ctx, req.body)) : reply.status(201).send(await s.imports.commit(req.ctx, req.body)),
  });
}
