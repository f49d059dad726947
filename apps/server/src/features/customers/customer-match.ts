/**
 * Which customer a channel names: matching the look-up keys a request gives against the customers
 * on record (and those the same batch is about to register). Pure: the service reads the rows,
 * locks the keys and writes what this decides.
 *
 * An enterprise is its unified social credit code. An individual is their ID number when one is
 * on record; else their phone, when the customer with that phone has no other ID number on record
 * (a phone changes hands; an ID number does not). A key the request gives and the matched customer
 * lacks is recorded on it, so the next request that gives only that key finds the same customer.
 */

/** A customer's look-up keys: the USCC, or keyed hashes of the ID number and phone; null when absent. */
export interface CustomerKeys {
  uscc: string | null;
  idNumberIndex: string | null;
  phoneIndex: string | null;
}

/** A customer on record (oldest first among those given). */
export interface KnownCustomer extends CustomerKeys {
  id: string;
}

/** A customer the named ones resolve to: on record (`id`) or to be registered (`id` null). */
export interface MatchedCustomer {
  id: string | null;
  /** Its keys once the batch is written (those on record, plus any recorded now). */
  keys: CustomerKeys;
  /** The named customer a new one is registered from. */
  from: number;
  /** Keys this batch records on the customer: which named customer gives each. */
  recorded: { idNumberIndex?: number; phoneIndex?: number };
}

export interface CustomerMatch {
  customers: MatchedCustomer[];
  /** For each named customer, its index in `customers`. */
  of: number[];
}

/**
 * Matches named customers (their keys; null when a request gives none, which is a customer of its
 * own) to those on record and to each other, in order: an earlier name in the batch is matched
 * by a later one as a customer on record would be.
 */
export function matchCustomers(known: readonly KnownCustomer[], named: readonly (CustomerKeys | null)[]): CustomerMatch {
  const customers: MatchedCustomer[] = known.map((k) => ({ id: k.id, keys: { uscc: k.uscc, idNumberIndex: k.idNumberIndex, phoneIndex: k.phoneIndex }, from: -1, recorded: {} }));
  const of = named.map((keys, i) => {
    const found = keys ? find(customers, keys) : -1;
    if (found < 0) {
      customers.push({ id: null, keys: keys ?? { uscc: null, idNumberIndex: null, phoneIndex: null }, from: i, recorded: {} });
      return customers.length - 1;
    }
    const c = customers[found]!;
    for (const key of ['idNumberIndex', 'phoneIndex'] as const) {
      if (keys![key] && !c.keys[key]) {
        c.keys[key] = keys![key];
        c.recorded[key] = i;
      }
    }
    return found;
  });
  return { customers, of };
}

/** The first customer the keys name: by USCC; else by ID number, then by phone; -1 for none. */
function find(customers: readonly MatchedCustomer[], given: CustomerKeys): number {
  if (given.uscc) return customers.findIndex((c) => c.keys.uscc === given.uscc);
  const individual = (c: MatchedCustomer) => !c.keys.uscc;
  const byIdNumber = given.idNumberIndex ? customers.findIndex((c) => individual(c) && c.keys.idNumberIndex === given.idNumberIndex) : -1;
  if (byIdNumber >= 0 || !given.phoneIndex) return byIdNumber;
  // A phone names the customer who has it unless they are on record with another ID number.
  return customers.findIndex((c) => individual(c) && c.keys.phoneIndex === given.phoneIndex && !(given.idNumberIndex && c.keys.idNumberIndex));
}
