import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '../features/access/permissions';
import { AppError } from './errors';
import type { RequestContext } from './context';
import type { ResolvedSession, SessionService } from '../features/auth/session.service';

/** Who may call a route: anyone, any signed-in staff member, or holders of a permission (of any one of a list). */
export type Access = 'public' | 'session' | Permission | readonly Permission[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Reachable while the account must change its password (me, password change, sign-out). */
    duringPasswordChange?: boolean;
  }
  interface FastifyRequest {
    /** The JSON body as sent (channel intake verifies its signature over these bytes). */
    rawBody?: string;
    ctx: RequestContext;
    session: ResolvedSession | null;
  }
}

export const SESSION_COOKIE = 'ld_session';
export const CSRF_COOKIE = 'ld_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Routes that plugins add (the OpenAPI browser) and that carry no access config of their own. */
const isDocsRoute = (url: string) => url === '/api/docs' || url.startsWith('/api/docs/');

/**
 * Resolves the session cookie into the request's actor and enforces each route's access
 * declaration. An /api route without one fails at start-up, so none is open by accident.
 */
export function registerAccessControl(app: FastifyInstance, sessions: SessionService): void {
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.decorateRequest('session', null);

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && !isDocsRoute(route.url) && !route.config?.access) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no access`);
    }
  });

  app.addHook('onRequest', async (request) => {
    request.ctx = {
      actor: null,
      ip: request.ip ?? null,
      requestId: request.id,
      userAgent: request.headers['user-agent'] ?? null,
    };
    const token = request.cookies[SESSION_COOKIE];
    if (token && request.url.startsWith('/api/')) {
      request.session = await sessions.resolve(token);
      if (request.session) request.ctx.actor = request.session.actor;
    }
  });

  // preValidation: access is decided before the body is looked at, so nobody learns the input
  // rules of a route they may not call.
  app.addHook('preValidation', async (request) => {
    const access = request.routeOptions.config.access ?? 'public';
    if (!SAFE_METHODS.has(request.method)) checkCsrf(request);
    if (access === 'public') return;
    const actor = request.ctx.actor;
    if (!actor) throw new AppError('unauthenticated', 'sign in first');
    if (actor.mustChangePassword && !request.routeOptions.config.duringPasswordChange) {
      throw new AppError('password_change_required', 'change your one-time password first');
    }
    if (access === 'session') return;
    const wanted: readonly Permission[] = typeof access === 'string' ? [access] : access;
    if (!wanted.some((p) => actor.permissions.has(p))) throw new AppError('forbidden', `your roles do not allow ${wanted.join(' or ')}`);
  });
}

/**
 * Cookie-authenticated writes must echo the session's CSRF token in a header (a cross-site
 * form cannot read the cookie to do so). Sign-in, which has no session yet, must come from
 * this origin when the browser says where it comes from.
 */
function checkCsrf(request: FastifyRequest): void {
  const session = request.session;
  if (session) {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) {
      throw new AppError('csrf_failed', `missing or wrong ${CSRF_HEADER} header`);
    }
    return;
  }
  const origin = request.headers.origin;
  if (origin && origin !== 'null') {
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      throw new AppError('csrf_failed', 'malformed Origin header');
    }
    if (host !== request.host) throw new AppError('csrf_failed', 'cross-origin request refused');
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Sets the session and CSRF cookies; Secure when served over TLS (or when configured so). */
export function setSessionCookies(
  request: FastifyRequest,
  reply: FastifyReply,
  s: { token: string; csrfToken: string },
  secureSetting: 'auto' | 'true' | 'false',
): void {
  const secure = secureSetting === 'auto' ? request.protocol === 'https' : secureSetting === 'true';
  // Browser-session cookies: the server enforces idle and absolute expiry itself.
  const base = { path: '/', sameSite: 'strict' as const, secure };
  reply.setCookie(SESSION_COOKIE, s.token, { ...base, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, s.csrfToken, { ...base, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}
