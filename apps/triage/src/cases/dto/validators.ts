import {
  Inject,
  Injectable,
  OnModuleDestroy,
  OnModuleInit,
  ParseIntPipe,
  ParseUUIDPipe,
} from '@nestjs/common';
import { isISO8601, ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';
import { DateTime } from 'luxon';
import { DISPOSITIONS, URGENCIES } from '@permanentie/contracts';
import { CLOCK, Clock, isKnownPostcode, isValidInsz, isValidRiziv, ZONE } from '@permanentie/domain';
import { InvalidInput } from '@permanentie/platform';

/**
 * Field checks for the triage DTOs, in the one validation pass of the global ValidationPipe, so a
 * 400 names every bad field at once. Each property carries exactly one constraint that can fail
 * (the platform lists one `{field, reason}` per failed constraint), with a Dutch reason.
 */

// ---- "now" for the checks that depend on it, from the app's injected Clock

let validationClock: Clock | undefined;

/**
 * Hands the app's Clock to the date checks (class-validator constraints are plain functions, not
 * providers). A module-level reference rather than a per-request AsyncLocalStorage: the latter
 * switches on promise hooks for the whole process, which cost every request a few percent.
 */
@Injectable()
export class ValidationClock implements OnModuleInit, OnModuleDestroy {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  onModuleInit(): void {
    validationClock = this.clock;
  }

  onModuleDestroy(): void {
    if (validationClock === this.clock) validationClock = undefined;
  }
}

function now(): DateTime {
  if (!validationClock) throw new Error('validation of a date against now without ValidationClock');
  return validationClock.now();
}

// ---- building blocks

type Check = (value: unknown, args: ValidationArguments) => string | null;

/** One constraint: `check` returns the Dutch reason, or null when the value is fine. */
function Rule(name: string, check: Check, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => check(value, args) === null,
        defaultMessage: (args: ValidationArguments) => check(args.value, args) ?? '',
      },
    },
    options,
  );
}

const missing = (v: unknown) => v === undefined || v === null || v === '';

/** A string of min..max characters (min 1 by default: required and not empty). */
export const Text = (max: number, min = 1) =>
  Rule('text', (v) => {
    if (v === undefined || v === null) return 'verplicht';
    if (typeof v !== 'string') return 'moet tekst zijn';
    if (v.length < min) return min === 1 ? 'mag niet leeg zijn' : `minstens ${min} tekens`;
    if (v.length > max) return `hoogstens ${max} tekens`;
    return null;
  });

/** One of a list of codes. */
export const OneOf = (codes: readonly string[]) =>
  Rule('oneOf', (v) => {
    if (typeof v === 'string' && codes.includes(v)) return null;
    return `${missing(v) ? 'verplicht: ' : ''}een van ${codes.join(', ')}`;
  });

/** A whole number in [min, max]. */
export const WholeNumber = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  Rule('wholeNumber', (v) => {
    if (v === undefined || v === null) return 'verplicht';
    if (typeof v !== 'number' || !Number.isInteger(v)) return 'moet een geheel getal zijn';
    if (v < min) return `minstens ${min}`;
    if (v > max) return `hoogstens ${max}`;
    return null;
  });

export const Bool = () => Rule('bool', (v) => (typeof v === 'boolean' ? null : 'true of false'));

/** A string matching a pattern; `what` says what is expected. */
export const Pattern = (re: RegExp, what: string) =>
  Rule('pattern', (v) => {
    if (missing(v)) return `verplicht: ${what}`;
    return typeof v === 'string' && re.test(v) ? null : what;
  });

/** A JSON object (not an array). */
export const PlainObject = () =>
  Rule('plainObject', (v) => {
    if (v === undefined || v === null) return 'verplicht (object)';
    return typeof v === 'object' && !Array.isArray(v) ? null : 'moet een object zijn';
  });

/**
 * Goes with @ValidateNested({ message: NOT_AN_OBJECT }): that one reports null and non-objects,
 * this one a missing object or an array (which @ValidateNested lets through).
 */
export const RequiredObject = () =>
  Rule('requiredObject', (v) => {
    if (v === undefined) return 'verplicht';
    return Array.isArray(v) ? NOT_AN_OBJECT : null;
  });
export const NOT_AN_OBJECT = 'moet een object zijn';

// ---- domain checks (libs/domain)

/** INSZ/NISS by its check digits (optional field: use with @IsOptional()). */
export const Insz = () =>
  Rule('insz', (v) => {
    if (v === '') return null; // an empty form field: not known
    if (typeof v !== 'string' || v.length > 20) return 'INSZ van 11 cijfers';
    return isValidInsz(v) ? null : 'INSZ ongeldig (controlecijfers kloppen niet)';
  });

/** A RIZIV/INAMI number by its check digits (optional field: use with @IsOptional()). */
export const Riziv = () =>
  Rule('riziv', (v) => {
    if (v === '') return null; // an empty form field: not known
    if (typeof v !== 'string' || v.length > 20) return 'RIZIV-nummer van 11 cijfers';
    return isValidRiziv(v) ? null : 'RIZIV-nummer ongeldig (controlecijfers kloppen niet)';
  });

/** Four digits, and a postcode that exists in Belgium. */
export const BelgianPostcode = () =>
  Rule('belgianPostcode', (v) => {
    if (missing(v)) return 'verplicht: postcode van 4 cijfers';
    if (typeof v !== 'string' || !/^\d{4}$/.test(v)) return 'postcode van 4 cijfers';
    return isKnownPostcode(v) ? null : 'postcode bestaat niet in België';
  });

/** YYYY-MM-DD, a real date, not in the future and not more than 130 years ago. */
export const BirthDate = () =>
  Rule('birthDate', (v) => {
    if (missing(v)) return 'verplicht: datum YYYY-MM-DD';
    if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return 'datum YYYY-MM-DD';
    const birth = DateTime.fromISO(v, { zone: ZONE });
    if (!birth.isValid) return 'geen geldige datum';
    const at = now();
    if (birth > at) return 'ligt in de toekomst';
    if (birth < at.minus({ years: 130 })) return 'meer dan 130 jaar geleden';
    return null;
  });

/** When the call came in: ISO 8601, not in the future, at most 2 days ago (optional field). */
export const ReceivedAt = () =>
  Rule('receivedAt', (v) => {
    if (typeof v !== 'string' || !isISO8601(v, { strict: true })) return 'tijdstip in ISO 8601';
    const received = DateTime.fromISO(v, { zone: ZONE });
    if (!received.isValid) return 'tijdstip in ISO 8601';
    const at = now();
    if (received > at.plus({ minutes: 1 })) return 'ligt in de toekomst';
    if (received < at.minus({ days: 2 })) return 'meer dan 2 dagen geleden';
    return null;
  });

/**
 * On `disposition`, beside @OneOf(DISPOSITIONS): U1 goes with handed_to_112 and only with it.
 * Says nothing while urgency or disposition is itself invalid (their own rule reports that).
 */
export const PairsWithUrgency = () =>
  Rule('pairsWithUrgency', (v, args) => {
    const urgency = (args.object as { urgency?: unknown }).urgency;
    if (!URGENCIES.includes(urgency as never) || !DISPOSITIONS.includes(v as never)) return null;
    return (urgency === 'U1') === (v === 'handed_to_112')
      ? null
      : 'U1 gaat altijd naar 112 en alleen U1 gaat naar 112';
  });

// ---- path parameters, with the same 400 shape as the bodies

/** A uuid path parameter; otherwise 400 `{errors: [{field, reason}]}`. */
export const uuidParam = (field: string) =>
  new ParseUUIDPipe({
    exceptionFactory: () => new InvalidInput([{ field, reason: 'geen geldige id (uuid)' }]),
  });

/** A whole-number path parameter; otherwise 400 `{errors: [{field, reason}]}`. */
export const intParam = (field: string) =>
  new ParseIntPipe({
    exceptionFactory: () => new InvalidInput([{ field, reason: 'moet een geheel getal zijn' }]),
  });
