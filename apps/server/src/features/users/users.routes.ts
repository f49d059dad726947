import { ZCreateUserRequest, ZIdParams, ZPage, ZStaffMember, ZStaffQuery, ZUpdateUserRequest, ZUser, ZUserListQuery, ZUserWithPassword } from '@loopdesk/core';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../platform/services';

export function usersRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];

  r.get('/api/users', {
    config: { access: 'users.read' },
    schema: { tags, summary: 'Staff in my subtree (personal data masked)', querystring: ZUserListQuery, response: { 200: ZPage(ZUser) } },
    handler: async (req) => s.users.list(req.ctx, req.query),
  });

  r.get('/api/staff', {
    config: { access: 'cases.read' },
    schema: { tags, summary: 'Staff directory: colleagues across the institution by name and role, no personal data', querystring: ZStaffQuery, response: { 200: z.object({ items: z.array(ZStaffMember) }) } },
    handler: async (req) => ({ items: await s.users.directory(req.ctx, req.query) }),
  });

  r.get('/api/users/:id', {
    config: { access: 'users.read' },
    schema: { tags, summary: 'One staff member; unmasked (and audited) for roles that may read personal data', params: ZIdParams, response: { 200: ZUser } },
    handler: async (req) => s.users.get(req.ctx, req.params.id),
  });

  r.post('/api/users', {
    config: { access: 'users.manage' },
    schema: { tags, summary: 'Create a staff account with a one-time password', body: ZCreateUserRequest, response: { 201: ZUserWithPassword } },
    handler: async (req, reply) => reply.status(201).send(await s.users.create(req.ctx, req.body)),
  });

  r.patch('/api/users/:id', {
    config: { access: 'users.manage' },
    schema: { tags, summary: 'Change a staff account (roles, org unit, status, contact)', params: ZIdParams, body: ZUpdateUserRequest, response: { 200: ZUser } },
    handler: async (req) => s.users.update(req.ctx, req.params.id, req.body),
  });

  r.post('/api/users/:id/reset-password', {
    config: { access: 'users.manage' },
    schema: { tags, summary: 'Issue a new one-time password and end the user’s sessions', params: ZIdParams, response: { 200: ZUserWithPassword } },
    handler: async (req) => s.users.resetPassword(req.ctx, req.params.id),
  });

  r.post('/api/users/:id/unlock', {
    config: { access: 'users.manage' },
    schema: { tags, summary: 'Clear a lock-out after failed sign-ins', params: ZIdParams, response: { 200: ZUser } },
    handler: async (req) => s.users.unlock(req.ctx, req.params.id),
  });
}
