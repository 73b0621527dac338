/**
 * Belgian identifiers. Validate, never require: a caller may not know them.
 */

/** RIZIV/INAMI number of a doctor: 11 digits = 1 profession + 5 sequence + 2 check + 3 competence. */
export function isValidRiziv(value: string): boolean {
  const digits = value.replace(/[\s./-]/g, '');
  if (!/^1\d{10}$/.test(digits)) return false;
  const base = Number(digits.slice(0, 6));
  const check = Number(digits.slice(6, 8));
  // Historically 97 - (base mod 97); since 2019 doctors also get mod 89 check digits. Accept either.
  return check === 97 - (base % 97) || check === 89 - (base % 89);
}

/** Builds a valid doctor's RIZIV number (mod 97) from a 5-digit sequence; for seeds and tests. */
export function rizivFrom(sequence: number, competence = '003'): string {
  const base = `1${String(sequence % 100000).padStart(5, '0')}`;
  const check = String(97 - (Number(base) % 97)).padStart(2, '0');
  return `${base}${check}${competence}`;
}

/**
 * INSZ/NISS: YYMMDD SSS CC, CC = 97 - (first 9 digits mod 97); for births from 2000 the check is
 * computed on 2 followed by the 9 digits. Sequence 000 and 999 are never issued. BIS numbers add
 * 20 or 40 to the month.
 */
export function isValidInsz(value: string): boolean {
  const digits = value.replace(/[\s./-]/g, '');
  if (!/^\d{11}$/.test(digits)) return false;
  const seq = digits.slice(6, 9);
  if (seq === '000' || seq === '999') return false;
  let month = Number(digits.slice(2, 4));
  if (month > 40) month -= 40;
  else if (month > 20) month -= 20;
  const day = Number(digits.slice(4, 6));
  // Month or day 0 occurs when the birth date is (partly) unknown.
  if (month > 12 || day > 31) return false;
  const first9 = Number(digits.slice(0, 9));
  const check = Number(digits.slice(9));
  return check === 97 - (first9 % 97) || check === 97 - ((2_000_000_000 + first9) % 97);
}

/** Builds a valid INSZ for a birth date and sequence; for seeds and tests. */
export function inszFrom(birth: { year: number; month: number; day: number }, seq: number): string {
  const yymmdd = `${String(birth.year % 100).padStart(2, '0')}${String(birth.month).padStart(2, '0')}${String(birth.day).padStart(2, '0')}`;
  const first9 = `${yymmdd}${String(seq).padStart(3, '0')}`;
  const n = Number(first9) + (birth.year >= 2000 ? 2_000_000_000 : 0);
  return `${first9}${String(97 - (n % 97)).padStart(2, '0')}`;
}
