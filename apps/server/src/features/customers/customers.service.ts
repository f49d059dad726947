import { randomUUID } from 'node:crypto';
import { maskAddress, maskEmail, maskIdNumber, maskName, maskPhone, type TContact, type TCreateContactRequest, type TCreateCustomerRequest, type TCustomer, type TemplateLocale } from '@loopdesk/core';
import type { Db } from '@loopdesk/db';
import { AppError } from '../../platform/errors';
import { requireActor, type Actor, type RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import type { AccessService } from '../access/access.service';
import type { AuditService } from '../audit/audit.service';
import type { OrgService } from '../org/org.service';
import { customersRepo, type ContactRow, type CustomerRow } from './customers.repo';

/** Keyed-hash purposes: a value hashed for one purpose never matches another's. */
const INDEX = { phone: 'customer.phone', idNumber: 'customer.id_number', openId: 'contact.wechat_openid' } as const;

/** A customer a registration names, with the request that names it and the path its audit entry is scoped to. */
export interface NamedCustomer {
  ctx: RequestContext;
  input: TCreateCustomerRequest;
  scopePath: string;
}

/** What a customer is recognised by: a column and its value (the USCC, or a keyed hash). */
interface LookupKey {
  column: 'uscc' | 'idNumberIndex' | 'phoneIndex';
  value: string;
}

/**
 * Customers are the institution's master data (like a core-banking CIF): any case handler may
 * find one, but personal data is sealed at rest, masked by default, and shown in full only to
 * roles that may read it for customers of their own subtree — every such read is audited.
 */
export class CustomersService {
  constructor(
    private readonly deps: Deps,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly org: OrgService,
  ) {}

  async create(ctx: RequestContext, input: TCreateCustomerRequest): Promise<TCustomer> {
    const actor = requireActor(ctx);
    const unit = await this.org.ownedUnit(actor, input.orgUnitId);
    return this.audit.transaction(async (tx) => {
      const row = await this.insert(tx, ctx, actor.institutionId, input, unit.path);
      return this.toCustomer(row, false);
    });
  }

  /** Inserts in the caller's transaction, with its audit entry; an enterprise's USCC must be new. */
  async insert(tx: Db, ctx: RequestContext, institutionId: string, input: TCreateCustomerRequest, scopePath: string): Promise<CustomerRow> {
    if (input.type === 'enterprise') {
      const existing = await customersRepo.find(tx, institutionId, { uscc: input.uscc }, 1);
      if (existing.length > 0) {
        throw new AppError('duplicate', 'a customer with this unified social credit code exists', [{ field: 'uscc', message: 'already registered' }]);
      }
    }
    return (await this.insertMany(tx, institutionId, [{ ctx, input, scopePath }]))[0]!;
  }

  /** Inserts customers in one statement, each with its audit entry; the rows in the order given. */
  private async insertMany(tx: Db, institutionId: string, items: readonly NamedCustomer[]): Promise<CustomerRow[]> {
    const planned = items.map((item) => ({ ...item, row: this.newRow(institutionId, item.input) }));
    const byId = new Map((await customersRepo.insertMany(tx, planned.map((p) => p.row))).map((r) => [r.id, r]));
    const rows = planned.map((p) => byId.get(p.row.id)!);
    for (const [k, { ctx, scopePath }] of planned.entries()) {
      await this.audit.record(tx, ctx, institutionId, { action: 'customer.create', objectType: 'customer', objectId: rows[k]!.id, scopePath, after: this.toCustomer(rows[k]!, false) });
    }
    return rows;
  }

  /** A new customer's row: personal data sealed, its look-up keys hashed, the display name masked for individuals. */
  private newRow(institutionId: string, input: TCreateCustomerRequest) {
    const id = randomUUID();
    const c = this.deps.cipher;
    const seal = (value: string | null | undefined, column: string) => c.sealNullable(value, `customers.${column}:${id}`);
    const now = this.deps.now();
    return {
      id,
      institutionId,
      orgUnitId: input.orgUnitId,
      type: input.type,
      displayName: input.type === 'enterprise' ? input.name : maskName(input.name),
      nameSealed: input.type === 'individual' ? seal(input.name, 'name') : null,
      uscc: input.type === 'enterprise' ? input.uscc : null,
      legalRepresentativeSealed: input.type === 'enterprise' ? seal(input.legalRepresentative, 'legal_representative') : null,
      industry: input.type === 'enterprise' ? (input.industry ?? null) : null,
      size: input.type === 'enterprise' ? (input.size ?? null) : null,
      creditRating: input.type === 'enterprise' ? (input.creditRating ?? null) : null,
      relationshipManagerId: input.type === 'enterprise' ? (input.relationshipManagerId ?? null) : null,
      valueTier: input.valueTier ?? null,
      idNumberSealed: input.type === 'individual' ? seal(input.idNumber, 'id_number') : null,
      idNumberIndex: this.idNumberIndex(input),
      phoneSealed: seal(input.phone, 'phone'),
      phoneIndex: this.phoneIndex(input),
      emailSealed: seal(input.email, 'email'),
      addressSealed: seal(input.address, 'address'),
      preferredLocale: input.preferredLocale ?? null,
      createdAt: now,
      updatedAt: now,
    };
  }

  private idNumberIndex(input: TCreateCustomerRequest): string | null {
    return input.type === 'individual' && input.idNumber ? this.deps.cipher.blindIndex(input.idNumber, INDEX.idNumber) : null;
  }

  private phoneIndex(input: TCreateCustomerRequest): string | null {
    return input.phone ? this.deps.cipher.blindIndex(input.phone, INDEX.phone) : null;
  }

  /**
   * What a channel's customer is recognised by: the USCC (enterprise), else the ID number, else
   * the phone (individual; keyed hashes); null when it gives none of them.
   */
  private lookupKey(input: TCreateCustomerRequest): LookupKey | null {
    if (input.type === 'enterprise') return { column: 'uscc', value: input.uscc };
    const idNumberIndex = this.idNumberIndex(input);
    if (idNumberIndex) return { column: 'idNumberIndex', value: idNumberIndex };
    const phoneIndex = this.phoneIndex(input);
    return phoneIndex ? { column: 'phoneIndex', value: phoneIndex } : null;
  }

  /**
   * The customers channels name, each found by its USCC (enterprise), ID number or phone
   * (individual), else registered — in the caller's transaction, in one look-up and one insert
   * however many there are; one named twice is registered once. The ids in the order given.
   */
  async findOrCreateMany(tx: Db, institutionId: string, named: readonly NamedCustomer[]): Promise<string[]> {
    const lookups = named.map((n) => this.lookupKey(n.input));
    // A registration naming no key gets a customer of its own.
    const keys = lookups.map((k, i) => (k ? `${k.column}:${k.value}` : `unnamed:${i}`));
    const found = await this.findByKeys(tx, institutionId, lookups);
    const missing = lookups.filter((k, i) => k && !found.has(keys[i]!));
    if (missing.length > 0) {
      // Another transaction (a concurrent batch, another process) may be registering the same
      // customer: wait for it under the keys' locks, then look again in a fresh snapshot.
      await customersRepo.lockKeys(tx, institutionId, missing.map((k) => `${k!.column}:${k!.value}`));
      for (const [key, id] of await this.findByKeys(tx, institutionId, missing)) found.set(key, id);
    }
    const creating = new Map<string, NamedCustomer>();
    for (const [i, key] of keys.entries()) if (!found.has(key) && !creating.has(key)) creating.set(key, named[i]!);
    if (creating.size > 0) {
      const rows = await this.insertMany(tx, institutionId, [...creating.values()]);
      [...creating.keys()].forEach((key, k) => found.set(key, rows[k]!.id));
    }
    return keys.map((key) => found.get(key)!);
  }

  /** The customers with these look-up keys, by `column:value`; the oldest answers for a key. */
  private async findByKeys(tx: Db, institutionId: string, lookups: readonly (LookupKey | null)[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    if (!lookups.some((k) => k)) return found;
    const values = (column: LookupKey['column']) => [...new Set(lookups.filter((k) => k?.column === column).map((k) => k!.value))];
    const rows = await customersRepo.findAny(tx, institutionId, { usccs: values('uscc'), idNumberIndexes: values('idNumberIndex'), phoneIndexes: values('phoneIndex') });
    for (const row of rows.reverse()) for (const column of ['uscc', 'idNumberIndex', 'phoneIndex'] as const) if (row[column]) found.set(`${column}:${row[column]}`, row.id);
    return found;
  }

  /** Finds customers by exact USCC, ID number or phone (keyed hash), or by part of an enterprise name. */
  async find(ctx: RequestContext, q: { phone?: string; idNumber?: string; uscc?: string; q?: string; limit: number }): Promise<TCustomer[]> {
    const actor = requireActor(ctx);
    if (!q.phone && !q.idNumber && !q.uscc && !q.q) {
      throw new AppError('validation_failed', 'give a phone, ID number, USCC or name', [{ field: 'q', message: 'give at least one criterion' }]);
    }
    const rows = await this.findRows(this.deps.db, actor.institutionId, q, q.limit);
    return rows.map((r) => this.toCustomer(r.customer, false));
  }

  findRows(db: Db, institutionId: string, q: { phone?: string | null; idNumber?: string | null; uscc?: string | null; q?: string }, limit: number) {
    const c = this.deps.cipher;
    return customersRepo.find(
      db,
      institutionId,
      {
        uscc: q.uscc ?? undefined,
        idNumberIndex: q.idNumber ? c.blindIndex(q.idNumber, INDEX.idNumber) : undefined,
        phoneIndex: q.phone ? c.blindIndex(q.phone, INDEX.phone) : undefined,
        name: q.q,
      },
      limit,
    );
  }

  /** One customer: unmasked (and audited) for roles that may read personal data in their subtree. */
  async get(ctx: RequestContext, id: string): Promise<TCustomer & { contacts: TContact[] }> {
    const actor = requireActor(ctx);
    const found = await customersRepo.byId(this.deps.db, actor.institutionId, id);
    if (!found) throw new AppError('not_found', 'no such customer');
    const unmask = this.mayUnmask(actor, found.path);
    const contactRows = await customersRepo.contacts(this.deps.db, id);
    const view = { ...this.toCustomer(found.customer, unmask), contacts: contactRows.map((r) => this.toContact(r, unmask)) };
    if (!unmask) return view;
    await this.audit.transaction((tx) =>
      this.audit.record(tx, ctx, actor.institutionId, { action: 'customer.pii_read', objectType: 'customer', objectId: id, scopePath: found.path, after: { contacts: contactRows.length } }),
    );
    return view;
  }

  async addContact(ctx: RequestContext, customerId: string, input: TCreateContactRequest): Promise<TContact> {
    const actor = requireActor(ctx);
    const found = await customersRepo.byId(this.deps.db, actor.institutionId, customerId);
    if (!found) throw new AppError('not_found', 'no such customer');
    const c = this.deps.cipher;
    const id = randomUUID();
    return this.audit.transaction(async (tx) => {
      const row = await customersRepo.insertContact(tx, {
        id,
        institutionId: actor.institutionId,
        customerId,
        nameSealed: c.seal(input.name, `contacts.name:${id}`),
        title: input.title ?? null,
        phoneSealed: c.sealNullable(input.phone, `contacts.phone:${id}`),
        phoneIndex: input.phone ? c.blindIndex(input.phone, INDEX.phone) : null,
        emailSealed: c.sealNullable(input.email, `contacts.email:${id}`),
        wechatOpenIdSealed: c.sealNullable(input.wechatOpenId, `contacts.wechat_openid:${id}`),
        wechatOpenIdIndex: input.wechatOpenId ? c.blindIndex(input.wechatOpenId, INDEX.openId) : null,
        createdAt: this.deps.now(),
      });
      await this.audit.record(tx, ctx, actor.institutionId, { action: 'contact.create', objectType: 'contact', objectId: id, scopePath: found.path, after: { customerId } });
      return this.toContact(row, false);
    });
  }

  /** A contact of this customer, for intake checks. */
  async contactOf(institutionId: string, customerId: string, contactId: string): Promise<ContactRow | undefined> {
    const row = await customersRepo.contactById(this.deps.db, institutionId, contactId);
    return row?.customerId === customerId ? row : undefined;
  }

  /** The language notices to this customer are written in; null when they gave none. */
  async noticeLocale(db: Db, institutionId: string, id: string): Promise<TemplateLocale | null> {
    const found = await customersRepo.byId(db, institutionId, id);
    return (found?.customer.preferredLocale as TemplateLocale | null | undefined) ?? null;
  }

  async exists(institutionId: string, id: string): Promise<boolean> {
    return !!(await customersRepo.byId(this.deps.db, institutionId, id));
  }

  private mayUnmask(actor: Actor, path: string): boolean {
    return actor.permissions.has('customers.read_pii') && this.access.inSubtree(actor, path);
  }

  private toCustomer(r: CustomerRow, unmasked: boolean): TCustomer {
    const c = this.deps.cipher;
    const open = (sealed: string | null, column: string) => c.openNullable(sealed, `customers.${column}:${r.id}`);
    const name = r.type === 'individual' ? open(r.nameSealed, 'name') : r.displayName;
    const legal = open(r.legalRepresentativeSealed, 'legal_representative');
    const idNumber = open(r.idNumberSealed, 'id_number');
    const phone = open(r.phoneSealed, 'phone');
    const email = open(r.emailSealed, 'email');
    const address = open(r.addressSealed, 'address');
    return {
      id: r.id,
      type: r.type as TCustomer['type'],
      displayName: r.displayName,
      name: unmasked || r.type === 'enterprise' ? (name ?? r.displayName) : r.displayName,
      uscc: r.uscc,
      legalRepresentative: legal && (unmasked ? legal : maskName(legal)),
      idNumber: idNumber && (unmasked ? idNumber : maskIdNumber(idNumber)),
      phone: phone && (unmasked ? phone : maskPhone(phone)),
      email: email && (unmasked ? email : maskEmail(email)),
      address: address && (unmasked ? address : maskAddress(address)),
      industry: r.industry,
      size: r.size as TCustomer['size'],
      creditRating: r.creditRating,
      relationshipManagerId: r.relationshipManagerId,
      valueTier: r.valueTier as TCustomer['valueTier'],
      orgUnitId: r.orgUnitId,
      piiMasked: !unmasked,
      version: r.version,
      createdAt: r.createdAt.toISOString(),
    };
  }

  private toContact(r: ContactRow, unmasked: boolean): TContact {
    const c = this.deps.cipher;
    const name = c.open(r.nameSealed, `contacts.name:${r.id}`);
    const phone = c.openNullable(r.phoneSealed, `contacts.phone:${r.id}`);
    const email = c.openNullable(r.emailSealed, `contacts.email:${r.id}`);
    return {
      id: r.id,
      customerId: r.customerId,
      name: unmasked ? name : maskName(name),
      title: r.title,
      phone: phone && (unmasked ? phone : maskPhone(phone)),
      email: email && (unmasked ? email : maskEmail(email)),
      piiMasked: !unmasked,
    };
  }
}
