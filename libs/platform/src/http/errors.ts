import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  ExceptionFilter,
  HttpException,
  Logger,
  ValidationError,
} from '@nestjs/common';
import { OptimisticLockVersionMismatchError, QueryFailedError } from 'typeorm';

export interface FieldError {
  field: string;
  reason: string;
}

/** Throw from domain code when input is wrong in a way a DTO cannot see (e.g. unknown postcode). */
export class InvalidInput extends BadRequestException {
  constructor(errors: FieldError[]) {
    super({ statusCode: 400, error: 'Bad Request', message: 'Ongeldige invoer', errors });
  }
}

/** Dutch reasons for class-validator's own (English) messages; a DTO's own message is kept. */
const REASONS: Record<string, string> = {
  whitelistValidation: 'onbekend veld',
  isDefined: 'ontbreekt',
  isNotEmpty: 'ontbreekt of is leeg',
  isString: 'moet tekst zijn',
  isInt: 'moet een geheel getal zijn',
  isNumber: 'moet een getal zijn',
  isPositive: 'moet groter dan 0 zijn',
  isBoolean: 'moet waar of onwaar zijn',
  isUuid: 'moet een uuid zijn',
  isIn: 'geen toegelaten waarde',
  isEnum: 'geen toegelaten waarde',
  isDateString: 'moet een datum of tijdstip zijn (ISO 8601)',
  isIso8601: 'moet een datum of tijdstip zijn (ISO 8601)',
  isArray: 'moet een lijst zijn',
  arrayNotEmpty: 'lijst mag niet leeg zijn',
  arrayMinSize: 'lijst te kort',
  arrayMaxSize: 'lijst te lang',
  arrayUnique: 'waarden mogen niet herhaald worden',
  isObject: 'moet een object zijn',
  nestedValidation: 'moet een object zijn',
  min: 'te klein',
  max: 'te groot',
  minLength: 'te kort',
  maxLength: 'te lang',
  matches: 'heeft niet de juiste vorm',
  isEmail: 'geen geldig e-mailadres',
};
/** Constraints whose limit or choices are worth repeating: taken from the default message. */
const WITH_DETAIL = new Set([
  'min',
  'max',
  'minLength',
  'maxLength',
  'arrayMinSize',
  'arrayMaxSize',
  'isIn',
  'isEnum',
]);
/** When a field breaks several rules, the most basic one is the one to fix first. */
const FIRST = ['whitelistValidation', 'isDefined', 'isNotEmpty'];

function reasonOf(property: string, constraints: Record<string, string>): string {
  const names = Object.keys(constraints);
  const name = FIRST.find((n) => n in constraints) ?? names[0];
  const message = constraints[name];
  // class-validator's defaults start with the property name; a DTO's own message does not.
  const isDefault = message.startsWith(`${property} `) || message.startsWith(`property ${property} `);
  if (!isDefault || !(name in REASONS)) return message;
  if (!WITH_DETAIL.has(name)) return REASONS[name];
  const detail = /: (.+)$/.exec(message)?.[1] ?? /(-?\d+(?:\.\d+)?)\D*$/.exec(message)?.[1];
  return detail ? `${REASONS[name]} (${detail})` : REASONS[name];
}

/** One error per field (the first rule to fix), Dutch unless the DTO gave its own reason. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix + e.property;
    const own = e.constraints ? [{ field, reason: reasonOf(e.property, e.constraints) }] : [];
    return [...own, ...flattenValidationErrors(e.children ?? [], `${field}.`)];
  });
}

/**
 * One error shape for every service: { statusCode, error, message, errors? }. Never a stack
 * trace, and never a database message in the log: those can carry patient data.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const res = host.switchToHttp().getResponse<{ status(n: number): { json(b: unknown): void } }>();
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const status = exception.getStatus();
      res
        .status(status)
        .json(typeof body === 'string' ? { statusCode: status, error: exception.name, message: body } : body);
      return;
    }
    // Body parser rejections (too large, malformed JSON, bad charset) are the client's 4xx.
    const parserError = exception as { expose?: boolean; status?: number };
    if (parserError?.expose === true && typeof parserError.status === 'number' && parserError.status < 500) {
      const status = parserError.status;
      const message = status === 413 ? 'Verzoek te groot / requête trop volumineuse' : 'Ongeldig verzoek';
      const error = { 413: 'Payload Too Large', 415: 'Unsupported Media Type' }[status] ?? 'Bad Request';
      res.status(status).json({ statusCode: status, error, message });
      return;
    }
    if (exception instanceof OptimisticLockVersionMismatchError) {
      res
        .status(409)
        .json({ statusCode: 409, error: 'Conflict', message: 'Gewijzigd door iemand anders; herlaad' });
      return;
    }
    if (exception instanceof QueryFailedError) {
      const driver = exception.driverError as { code?: string; constraint?: string };
      this.logger.error(`query failed: code=${driver.code ?? '?'} constraint=${driver.constraint ?? '-'}`);
      if (driver.code === '23505') {
        res
          .status(409)
          .json({ statusCode: 409, error: 'Conflict', message: 'Bestaat al', constraint: driver.constraint });
        return;
      }
    } else {
      const name = exception instanceof Error ? exception.name : typeof exception;
      this.logger.error(
        `unhandled ${name}`,
        exception instanceof Error ? exception.stack?.split('\n').slice(1, 6).join('\n') : '',
      );
    }
    res.status(500).json({ statusCode: 500, error: 'Internal Server Error', message: 'Interne fout' });
  }
}
