import { randomUUID } from 'node:crypto';
import { maskAddress, maskEmail, maskIdNumber, maskName, maskPhone, type TContact, type TCreateContactRequest, type TCreateCustomerRequest, type TCustomer, type TemplateLocale } from '@loopdesk/core';
import type { Db } from '@loopdesk/db';
import { AppError } from '../../platform/errors';
import { requireActor, type Actor, type RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import type { AccessService } from '../access/access.service';
import type { AuditService } from '../audit/audit.service';
import type { OrgService } from '../org/org.service';
import { matchCustomers, type CustomerKeys, type KnownCustomer, type MatchedCustomer } from './customer-match';
import { customersRepo, type ContactRow, type CustomerRow } from './customers.repo';

/** Keyed-hash purposes: a value hashed for one purpose never matches another's. */
const INDEX = { phone: 'customer.phone', idNumber: 'customer.id_number', openId: 'contact.wechat_openid' } as const;

/** A customer a registration names, with the request that names it and the path its audit entry is scoped to. */
export interface NamedCustomer {
  ctx: RequestContext;
  input: TCreateCustomerRequest;
  scopePath: string;
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

  /** The look-up keys a named customer gives: an enterprise's USCC, an individual's ID number and phone (keyed hashes); null for none. */
  private keysOf(input: TCreateCustomerRequest): CustomerKeys | null {
    if (input.type === 'enterprise') return { uscc: input.uscc, idNumberIndex: null, phoneIndex: null };
    const keys = { uscc: null, idNumberIndex: this.idNumberIndex(input), phoneIndex: this.phoneIndex(input) };
    return keys.idNumberIndex || keys.phoneIndex ? keys : null;
  }

  /**
   * The customers channels name, found as `matchCustomers` says (by USCC; by ID number, then
   * phone), else registered — in the caller's transaction, in a fixed number of statements however
   * many there are (a look-up; when something is to be written, the keys' locks, a second look-up
   * and one insert), plus an update for each customer a key is recorded on; one named twice is
   * registered once. The ids in the order given.
   */
  async findOrCreateMany(tx: Db, institutionId: string, named: readonly NamedCustomer[]): Promise<string[]> {
    const keys = named.map((n) => this.keysOf(n.input));
    let match = matchCustomers(await this.onRecord(tx, institutionId, keys), keys);
    const writes = (c: MatchedCustomer) => c.id === null || c.recorded.idNumberIndex !== undefined || c.recorded.phoneIndex !== undefined;
    if (match.customers.some(writes)) {
      // Another transaction (a concurrent batch, another process) may be registering or completing
      // the same customers: wait for it under the keys' locks, then match again in a fresh snapshot.
      const locked = keys.filter((k, i) => k && writes(match.customers[match.of[i]!]!)).flatMap((k) => lockNames(k!));
      await customersRepo.lockKeys(tx, institutionId, locked);
      match = matchCustomers(await this.onRecord(tx, institutionId, keys), keys);
    }
    const created = match.customers.filter((c) => c.id === null);
    if (created.length > 0) {
      const rows = await this.insertMany(tx, institutionId, created.map((c) => ({ ...named[c.from]!, input: completed(named, c) })));
      created.forEach((c, k) => (c.id = rows[k]!.id));
    }
    for (const c of match.customers) {
      if (c.from < 0 && writes(c)) await this.recordKeys(tx, institutionId, c.id!, named, c.recorded);
    }
    return match.of.map((k) => match.customers[k]!.id!);
  }

  /** The customers on record with any of these keys, oldest first. */
  private async onRecord(tx: Db, institutionId: string, keys: readonly (CustomerKeys | null)[]): Promise<KnownCustomer[]> {
    const values = (key: keyof CustomerKeys) => [...new Set(keys.map((k) => k?.[key]).filter((v): v is string => !!v))];
    const by = { usccs: values('uscc'), idNumberIndexes: values('idNumberIndex'), phoneIndexes: values('phoneIndex') };
    return by.usccs.length + by.idNumberIndexes.length + by.phoneIndexes.length > 0 ? customersRepo.findAny(tx, institutionId, by) : [];
  }

  /** Records on a customer the ID number and phone channels gave that it lacked (sealed, with their keyed hashes), audited. */
  private async recordKeys(tx: Db, institutionId: string, id: string, named: readonly NamedCustomer[], recorded: MatchedCustomer['recorded']): Promise<void> {
    const c = this.deps.cipher;
    const idNumber = recorded.idNumberIndex === undefined ? undefined : individual(named[recorded.idNumberIndex]!.input)?.idNumber;
    const phone = recorded.phoneIndex === undefined ? undefined : named[recorded.phoneIndex]!.input.phone;
    const row = await customersRepo.recordKeys(
      tx,
      institutionId,
      id,
      {
        ...(idNumber ? { idNumberSealed: c.seal(idNumber, `customers.id_number:${id}`), idNumberIndex: c.blindIndex(idNumber, INDEX.idNumber) } : {}),
        ...(phone ? { phoneSealed: c.seal(phone, `customers.phone:${id}`), phoneIndex: c.blindIndex(phone, INDEX.phone) } : {}),
      },
      this.deps.now(),
    );
    // Only a row that still lacks the keys is updated; under the keys' locks no other batch records them.
    if (!row) return;
    const by = named[recorded.idNumberIndex ?? recorded.phoneIndex!]!;
    const after = this.toCustomer(row, false);
    await this.audit.record(tx, by.ctx, institutionId, {
      action: 'customer.update',
      objectType: 'customer',
      objectId: id,
      scopePath: by.scopePath,
      before: { ...(idNumber ? { idNumber: null } : {}), ...(phone ? { phone: null } : {}) },
      after: { ...(idNumber ? { idNumber: after.idNumber } : {}), ...(phone ? { phone: after.phone } : {}) },
    });
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

  /**
   * The names of the people behind cases' customers — an individual, an enterprise's legal
   * representative, the contact — in the clear, for masking them in the masked copies of texts
   * (words, a letter, a reply); never returned to a caller, so not a read of personal data.
   * One list per case given, in the caller's transaction (a customer registered in it is seen).
   */
  async namesToMask(db: Db, institutionId: string, cases: readonly { customerId: string | null; contactId: string | null }[]): Promise<string[][]> {
    const c = this.deps.cipher;
    const ids = (key: 'customerId' | 'contactId') => [...new Set(cases.map((x) => x[key]).filter((id): id is string => !!id))];
    const [customerRows, contactRows] = await customersRepo.sealedNames(db, institutionId, ids('customerId'), ids('contactId'));
    const byCustomer = new Map(
      customerRows.map((r) => [
        r.id,
        [r.type === 'individual' ? c.openNullable(r.nameSealed, `customers.name:${r.id}`) : null, c.openNullable(r.legalRepresentativeSealed, `customers.legal_representative:${r.id}`)],
      ]),
    );
    const byContact = new Map(contactRows.map((r) => [r.id, c.open(r.nameSealed, `contacts.name:${r.id}`)]));
    return cases.map((x) => [...(x.customerId ? (byCustomer.get(x.customerId) ?? []) : []), x.contactId ? (byContact.get(x.contactId) ?? null) : null].filter((n): n is string => !!n));
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

/** The advisory-lock names of a customer's keys. */
const lockNames = (k: CustomerKeys) => (['uscc', 'idNumberIndex', 'phoneIndex'] as const).flatMap((key) => (k[key] ? [`${key}:${k[key]}`] : []));

const individual = (input: TCreateCustomerRequest) => (input.type === 'individual' ? input : undefined);

/** The request a new customer is registered from, with the ID number and phone later names in the batch added. */
function completed(named: readonly NamedCustomer[], c: MatchedCustomer): TCreateCustomerRequest {
  const input = named[c.from]!.input;
  if (input.type !== 'individual') return input;
  const idNumber = input.idNumber ?? (c.recorded.idNumberIndex === undefined ? undefined : individual(named[c.recorded.idNumberIndex]!.input)?.idNumber);
  const phone = input.phone ?? (c.recorded.phoneIndex === undefined ? undefined : named[c.recorded.phoneIndex]!.input.phone);
  return { ...input, idNumber, phone };
}
