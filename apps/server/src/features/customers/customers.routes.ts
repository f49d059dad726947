import { ZContact, ZCreateContactRequest, ZCreateCustomerRequest, ZCustomer, ZCustomerLookupQuery, ZIdParams } from '@loopdesk/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../platform/services';

export function customersRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['customers'];

  r.get('/api/customers', {
    config: { access: 'customers.read' },
    schema: { tags, summary: 'Find customers by USCC, ID number or phone (exact, via keyed hash) or part of an enterprise name', querystring: ZCustomerLookupQuery, response: { 200: z.object({ items: z.array(ZCustomer) }) } },
    handler: async (req) => ({ items: await s.customers.find(req.ctx, req.query) }),
  });

  r.get('/api/customers/:id', {
    config: { access: 'customers.read' },
    schema: { tags, summary: 'One customer with contacts; unmasked (and audited) for roles that may read personal data in their subtree', params: ZIdParams, response: { 200: ZCustomer.extend({ contacts: z.array(ZContact) }) } },
    handler: async (req) => s.customers.get(req.ctx, req.params.id),
  });

  r.post('/api/customers', {
    config: { access: 'customers.manage' },
    schema: { tags, summary: 'Register an enterprise or individual customer', body: ZCreateCustomerRequest, response: { 201: ZCustomer } },
    handler: async (req, reply) => reply.status(201).send(await s.customers.create(req.ctx, req.body)),
  });

  r.post('/api/customers/:id/contacts', {
    config: { access: 'customers.manage' },
    schema: { tags, summary: 'Add a person who speaks for the customer', params: ZIdParams, body: ZCreateContactRequest, response: { 201: ZContact } },
    handler: async (req, reply) => reply.status(201).send(await s.customers.addContact(req.ctx, req.params.id, req.body)),
  });
}
