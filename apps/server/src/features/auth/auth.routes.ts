import { ZChangePasswordRequest, ZIdParams, ZLoginRequest, ZMe, ZOk, ZSessionInfo } from '@loopdesk/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config';
import { AppError } from '../../platform/errors';
import { clearSessionCookies, setSessionCookies } from '../../platform/http';
import type { Services } from '../../platform/services';

export function authRoutes(app: FastifyInstance, s: Services, config: Config): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  r.post('/api/auth/login', {
    config: { access: 'public' },
    schema: { tags, summary: 'Sign in; sets the session and CSRF cookies', body: ZLoginRequest, response: { 200: ZMe } },
    handler: async (req, reply) => {
      const session = await s.auth.login(req.ctx, req.body.username, req.body.password);
      setSessionCookies(req, reply, session, config.LOOPDESK_COOKIE_SECURE);
      const resolved = await s.sessions.resolve(session.token);
      if (!resolved) throw new AppError('internal', 'the new session could not be read back');
      return s.auth.me(resolved);
    },
  });

  r.post('/api/auth/logout', {
    config: { access: 'session', duringPasswordChange: true },
    schema: { tags, summary: 'Sign out of this session', response: { 200: ZOk } },
    handler: async (req, reply) => {
      await s.auth.logout(req.ctx);
      clearSessionCookies(reply);
      return { ok: true as const };
    },
  });

  r.get('/api/auth/me', {
    config: { access: 'session', duringPasswordChange: true },
    schema: { tags, summary: 'The signed-in staff member, roles and permissions', response: { 200: ZMe } },
    handler: async (req) => s.auth.me(req.session!),
  });

  r.post('/api/auth/password', {
    config: { access: 'session', duringPasswordChange: true },
    schema: { tags, summary: 'Change my password; my other sessions end', body: ZChangePasswordRequest, response: { 200: ZOk } },
    handler: async (req) => {
      await s.users.changeOwnPassword(req.ctx, req.body.currentPassword, req.body.newPassword);
      return { ok: true as const };
    },
  });

  r.get('/api/auth/sessions', {
    config: { access: 'session' },
    schema: { tags, summary: 'My live sessions', response: { 200: z.object({ items: z.array(ZSessionInfo) }) } },
    handler: async (req) => ({ items: await s.sessions.list(req.ctx) }),
  });

  r.delete('/api/auth/sessions/:id', {
    config: { access: 'session' },
    schema: { tags, summary: 'Revoke one of my sessions', params: ZIdParams, response: { 200: ZOk } },
    handler: async (req) => {
      await s.sessions.revoke(req.ctx, req.params.id);
      return { ok: true as const };
    },
  });
}
