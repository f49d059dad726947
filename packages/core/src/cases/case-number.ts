/**
 * A case number as staff type it into a search: `FB-20261124-000015`, without the prefix or the
 * dashes, in any case (`20261124-000015`, `fb20261124000015`). The sequence widens past six digits
 * on a day with more than 999,999 cases.
 */
const TYPED_NUMBER = /^(?:FB-?)?(\d{8})-?(\d{6,})$/i;

/** The case number a search query names, written as it is stored; null when it names none. */
export function caseNumberOf(query: string): string | null {
  const m = TYPED_NUMBER.exec(query.trim());
  return m ? `FB-${m[1]}-${m[2]}` : null;
}

/** A bare sequence as staff type it (`15`, `000015`): the part after the day, zero-padded to six digits. */
const TYPED_SEQUENCE = /^\d{1,7}$/;

/** The sequence part (`000015`) of the case numbers a search query names alone; null when it names none. */
export function caseSequenceOf(query: string): string | null {
  const typed = query.trim();
  return TYPED_SEQUENCE.test(typed) ? typed.padStart(6, '0') : null;
}
