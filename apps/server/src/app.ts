import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { Database } from '@loopdesk/db';
import { sql } from 'drizzle-orm';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Config } from './config';
import { accessRoutes } from './features/access/access.routes';
import { attachmentsRoutes } from './features/attachments/attachments.routes';
import { auditRoutes } from './features/audit/audit.routes';
import { authRoutes } from './features/auth/auth.routes';
import { casesRoutes } from './features/cases/cases.routes';
import { regulatoryRoutes } from './features/regulatory/regulatory.routes';
import { categoriesRoutes } from './features/categories/categories.routes';
import { triageRoutes } from './features/triage/triage.routes';
import { assignmentRoutes } from './features/assignment/assignment.routes';
import { panelRoutes } from './features/panel/panel.routes';
import { savedViewsRoutes } from './features/views/views.routes';
import { notificationsRoutes } from './features/notifications/notifications.routes';
import { reviewsRoutes } from './features/reviews/reviews.routes';
import { templatesRoutes } from './features/templates/templates.routes';
import { calendarRoutes } from './features/calendar/calendar.routes';
import { ruleSetsRoutes } from './features/clocks/rule-sets.routes';
import { slaRoutes } from './features/clocks/sla.routes';
import { customersRoutes } from './features/customers/customers.routes';
import { importsRoutes } from './features/imports/imports.routes';
import { intakeRoutes } from './features/intake/intake.routes';
import { orgRoutes } from './features/org/org.routes';
import { usersRoutes } from './features/users/users.routes';
import type { Deps } from './platform/deps';
import { registerErrorHandling } from './platform/errors';
import { FieldCipher } from './platform/field-cipher';
import { JobQueue } from './platform/jobs';
import { registerAccessControl } from './platform/http';
import type { Secrets } from './platform/keys';
import { createLogger } from './platform/logger';
import { createServices, type Services } from './platform/services';
import { giveWayTo, RequestActivity } from './platform/request-activity';

export interface AppOptions {
  config: Config;
  database: Database;
  secrets: Pick<Secrets, 'auditKey' | 'dataKeys'>;
  /** The service clock; tests move it. */
  now?: () => Date;
  /** Run background jobs in this process (the queue is always reachable for sending). */
  worker?: boolean;
  logger?: Logger;
}

export interface App {
  http: FastifyInstance;
  services: Services;
  deps: Deps;
  /** The server's requests in flight; on the embedded engine background work gives way to them. */
  activity: RequestActivity;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Builds the HTTP app: plugins, then access control, then each feature's routes. */
export async function buildApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const log = options.logger ?? createLogger(config);
  const embedded = options.database.engine === 'pglite';
  const activity = new RequestActivity();
  const giveWay = giveWayTo(embedded ? activity : undefined);
  const deps: Deps = {
    db: options.database.db,
    config,
    cipher: new FieldCipher(options.secrets.dataKeys),
    auditKey: options.secrets.auditKey,
    embedded,
    giveWay,
    now: options.now ?? (() => new Date()),
    log,
    jobs: new JobQueue(options.database, log, giveWay, embedded ? activity : undefined, { stopGraceMs: config.LOOPDESK_STOP_GRACE_SECONDS * 1000 }),
  };
  const services = createServices(deps);
  await deps.jobs!.start();
  if (options.worker) await deps.jobs!.work();

  const http = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    trustProxy: config.LOOPDESK_TRUST_PROXY,
    bodyLimit: 1024 * 1024,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  // JSON bodies keep their raw text: channel intake signs the exact bytes it sent.
  http.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    request.rawBody = text;
    if (text === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(Object.assign(new Error('the body is not valid JSON'), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' }), undefined);
    }
  });
  http.addHook('onClose', async () => {
    await deps.jobs!.stop();
    services.notifications.close();
  });
  http.addHook('onRequest', (_request, reply, done) => {
    activity.begin();
    reply.raw.once('close', () => activity.end());
    done();
  });
  http.setValidatorCompiler(validatorCompiler);
  http.setSerializerCompiler(serializerCompiler);
  http.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  // The security headers, worked out once (@fastify/helmet rebuilt helmet's middleware on every request).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Ant Design writes its CSS-in-JS into <style> tags.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.LOOPDESK_COOKIE_SECURE === 'true',
  });
  http.addHook('onRequest', (req, reply, done) => securityHeaders(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined)));
  await http.register(fastifyCookie);
  await http.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'LoopDesk API',
        description: 'LoopDesk customer-feedback platform. Errors are RFC 9457 problem+json with a stable `code`.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'ld_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await http.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  const webServed = await serveWebConsole(http, config.LOOPDESK_WEB_DIR ? path.resolve(config.LOOPDESK_WEB_DIR) : DEFAULT_WEB_DIR);
  registerErrorHandling(http, webServed);
  registerAccessControl(http, services.sessions);

  http.withTypeProvider().get('/api/health', {
    config: { access: 'public' },
    schema: { tags: ['system'], summary: 'Liveness and database reachability', response: { 200: z.object({ status: z.literal('ok'), engine: z.string() }) } },
    handler: async () => {
      await deps.db.execute(sql`select 1`);
      return { status: 'ok' as const, engine: options.database.engine };
    },
  });
  http.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => http.swagger());

  authRoutes(http, services, config);
  orgRoutes(http, services);
  usersRoutes(http, services);
  accessRoutes(http, services);
  auditRoutes(http, services);
  customersRoutes(http, services);
  casesRoutes(http, services);
  regulatoryRoutes(http, services);
  attachmentsRoutes(http, services);
  categoriesRoutes(http, services);
  templatesRoutes(http, services);
  calendarRoutes(http, services);
  slaRoutes(http, services);
  ruleSetsRoutes(http, services);
  importsRoutes(http, services);
  intakeRoutes(http, services);
  triageRoutes(http, services);
  assignmentRoutes(http, services);
  panelRoutes(http, services);
  savedViewsRoutes(http, services);
  reviewsRoutes(http, services);
  notificationsRoutes(http, services);
  return { http, services, deps, activity };
}

/** Serves the built console's files; false when it has not been built. */
async function serveWebConsole(http: FastifyInstance, webDir: string): Promise<boolean> {
  if (!existsSync(path.join(webDir, 'index.html'))) {
    http.log.warn({ webDir }, 'web console not built: run `npm run build` to serve it');
    return false;
  }
  // Files are looked up when asked for, not listed at start: a console rebuilt under a running
  // server (new hashed assets) is served at once, never a page whose scripts answer 404.
  await http.register(fastifyStatic, { root: webDir, wildcard: true, index: false });
  http.get('/', { schema: { hide: true } }, (_req, reply) => reply.type('text/html').sendFile('index.html'));
  return true;
}
