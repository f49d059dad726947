import { describe, expect, it } from 'vitest';
import { matchCustomers, type CustomerKeys, type KnownCustomer } from './customer-match';

const person = (idNumberIndex: string | null, phoneIndex: string | null): CustomerKeys => ({ uscc: null, idNumberIndex, phoneIndex });
const known = (id: string, keys: CustomerKeys): KnownCustomer => ({ id, ...keys });

describe('matchCustomers', () => {
  it('finds an enterprise by its USCC only, never an individual with the same phone', () => {
    const m = matchCustomers([known('e1', { uscc: 'U1', idNumberIndex: null, phoneIndex: 'P' }), known('p1', person(null, 'P'))], [{ uscc: 'U1', idNumberIndex: null, phoneIndex: null }, person(null, 'P')]);
    expect(m.of.map((k) => m.customers[k]!.id)).toEqual(['e1', 'p1']);
    expect(m.customers.filter((c) => c.id === null)).toHaveLength(0);
  });

  it('prefers the ID number to the phone, and records the phone on a customer found by ID number without one', () => {
    const m = matchCustomers([known('byPhone', person(null, 'P')), known('byId', person('I', null))], [person('I', 'P')]);
    const c = m.customers[m.of[0]!]!;
    expect(c.id).toBe('byId');
    expect(c.recorded).toEqual({ phoneIndex: 0 });
    expect(c.keys).toEqual(person('I', 'P'));
  });

  it('finds by phone a customer on record without an ID number, and records the ID number given', () => {
    const m = matchCustomers([known('c1', person(null, 'P'))], [person('I', 'P'), person('I', null)]);
    expect(m.of).toEqual([0, 0]);
    expect(m.customers[0]!.recorded).toEqual({ idNumberIndex: 0 });
    expect(m.customers).toHaveLength(1);
  });

  it('does not take a phone for a person on record with another ID number: a new customer', () => {
    const m = matchCustomers([known('c1', person('J', 'P'))], [person('I', 'P'), person(null, 'P')]);
    expect(m.customers[m.of[0]!]).toMatchObject({ id: null, from: 0, keys: person('I', 'P') });
    // A phone alone still names the oldest customer with it.
    expect(m.customers[m.of[1]!]!.id).toBe('c1');
  });

  it('keeps what is on record: a different phone given with a known ID number is not recorded', () => {
    const m = matchCustomers([known('c1', person('I', 'P'))], [person('I', 'Q')]);
    expect(m.customers[0]).toMatchObject({ id: 'c1', keys: person('I', 'P'), recorded: {} });
  });

  it('matches names within the batch as it matches those on record, registering each person once', () => {
    const m = matchCustomers([], [person(null, 'P'), person('I', 'P'), person('I', null), null, null, { uscc: 'U', idNumberIndex: null, phoneIndex: null }, { uscc: 'U', idNumberIndex: null, phoneIndex: null }]);
    expect(m.of).toEqual([0, 0, 0, 1, 2, 3, 3]);
    expect(m.customers[0]).toMatchObject({ id: null, from: 0, keys: person('I', 'P'), recorded: { idNumberIndex: 1 } });
    // Requests naming no key are customers of their own.
    expect(m.customers.slice(1, 3).map((c) => c.from)).toEqual([3, 4]);
  });

  it('answers for a key held by two customers with the oldest given', () => {
    const m = matchCustomers([known('old', person(null, 'P')), known('new', person(null, 'P'))], [person(null, 'P')]);
    expect(m.customers[m.of[0]!]!.id).toBe('old');
  });
});
