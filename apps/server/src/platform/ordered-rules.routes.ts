import { ZIdParams, ZOk, ZVersion } from '@loopdesk/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Access } from './http';
import type { RequestContext } from './context';

/** What the routes call: an `OrderedRules` of any kind of rule. */
interface RuleEndpoints<View, Create, Update> {
  list(ctx: RequestContext): Promise<View[]>;
  create(ctx: RequestContext, input: Create): Promise<View>;
  update(ctx: RequestContext, id: string, input: Update): Promise<View>;
  remove(ctx: RequestContext, id: string, version: number): Promise<void>;
}

/** One list of ordered rules over HTTP: where it lives, who may edit it, its contracts and words. */
export interface OrderedRuleRoutes<View, Create, Update> {
  /** e.g. `/api/assignment-rules`; a rule is at `<path>/:id`. */
  path: string;
  access: Access;
  tag: string;
  view: z.ZodType<View>;
  create: z.ZodType<Create, unknown>;
  update: z.ZodType<Update, unknown>;
  summaries: { list: string; create: string; update: string; delete: string };
  rules: RuleEndpoints<View, Create, Update>;
}

/** GET the list, POST a rule (201), PATCH one with its version, DELETE one with `?version=`. */
export function orderedRuleRoutes<View, Create, Update>(app: FastifyInstance, o: OrderedRuleRoutes<View, Create, Update>): void {
  // The schemas still validate and serialise (the app's zod compilers); the generic contracts
  // are beyond the type provider's inference, so the handlers say what validation guaranteed.
  const tags = [o.tag];
  type Id = { id: string };

  app.get(o.path, {
    config: { access: o.access },
    schema: { tags, summary: o.summaries.list, response: { 200: z.object({ items: z.array(o.view) }) } },
    handler: async (req) => ({ items: await o.rules.list(req.ctx) }),
  });

  app.post(o.path, {
    config: { access: o.access },
    schema: { tags, summary: o.summaries.create, body: o.create, response: { 201: o.view } },
    handler: async (req, reply) => reply.status(201).send(await o.rules.create(req.ctx, req.body as Create)),
  });

  app.patch(`${o.path}/:id`, {
    config: { access: o.access },
    schema: { tags, summary: o.summaries.update, params: ZIdParams, body: o.update, response: { 200: o.view } },
    handler: async (req) => o.rules.update(req.ctx, (req.params as Id).id, req.body as Update),
  });

  app.delete(`${o.path}/:id`, {
    config: { access: o.access },
    schema: { tags, summary: o.summaries.delete, params: ZIdParams, querystring: z.object({ version: z.coerce.number().pipe(ZVersion) }), response: { 200: ZOk } },
    handler: async (req) => {
      await o.rules.remove(req.ctx, (req.params as Id).id, (req.query as { version: number }).version);
      return { ok: true as const };
    },
  });
}
