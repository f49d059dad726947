import { ZAttachment, ZAttachmentList, ZAttachmentParams, ZAttachmentUploadQuery, ZIdParams } from '@loopdesk/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../platform/services';

/** `attachment; filename=…` with an ASCII fallback and the UTF-8 name (RFC 6266 / 8187). */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function attachmentsRoutes(app: FastifyInstance, s: Services): void {
  const maxBytes = s.attachments.maxBytes;
  // The upload takes the file itself as the body, whatever type the browser labels it with; the
  // type that counts is read from the content. Scoped, so other routes keep taking JSON only.
  void app.register(async (scope) => {
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBytes }, (_req, body, done) => done(null, body));
    const r = scope.withTypeProvider<ZodTypeProvider>();
    const tags = ['cases'];

    r.post('/api/cases/:id/attachments', {
      config: { access: 'cases.work' },
      bodyLimit: maxBytes,
      schema: {
        tags,
        summary: 'Attach a file: the body is the file (application/octet-stream), ?name= its name; the same file again returns the first (200)',
        params: ZIdParams,
        querystring: ZAttachmentUploadQuery,
        response: { 200: ZAttachment, 201: ZAttachment },
      },
      handler: async (req, reply) => {
        const { attachment, created } = await s.attachments.upload(req.ctx, req.params.id, req.query.name, req.body);
        return reply.status(created ? 201 : 200).send(attachment);
      },
    });

    r.get('/api/cases/:id/attachments', {
      config: { access: 'cases.read' },
      schema: { tags, summary: 'The files on a case (names, kinds, sizes, SHA-256), without their content, and what an upload may be', params: ZIdParams, response: { 200: ZAttachmentList } },
      handler: async (req) => ({ items: await s.attachments.list(req.ctx, req.params.id), limits: s.attachments.limits }),
    });

    r.get('/api/cases/:id/attachments/:attachmentId/content', {
      config: { access: 'customers.read_pii' },
      schema: { tags, summary: 'Download a file (always as an attachment, never shown inline); an audited personal-data read', params: ZAttachmentParams },
      handler: async (req, reply) => {
        const file = await s.attachments.download(req.ctx, req.params.id, req.params.attachmentId);
        return reply
          .header('content-type', file.mediaType)
          .header('content-disposition', contentDisposition(file.fileName))
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          .send(file.content);
      },
    });
  });
}
