import { DateTime, Duration, DurationLike } from 'luxon';

/** All domain time is local to Belgium. */
export const ZONE = 'Europe/Brussels';

/** Injected wherever domain code needs "now", so tests can freeze and move time. */
export interface Clock {
  now(): DateTime;
}

export const CLOCK = Symbol('CLOCK');

export class SystemClock implements Clock {
  now(): DateTime {
    // eslint-disable-next-line no-restricted-syntax -- the one place that reads the wall clock
    return DateTime.fromMillis(Date.now(), { zone: ZONE });
  }
}

/**
 * An ISO 8601 instant with an offset or Z (as in bus payloads and PostgreSQL's JSON) in Belgian
 * time: cheaper than DateTime.fromISO on hot paths; invalid (never throws) for anything else.
 */
export function instant(iso: string): DateTime {
  const ms = /T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d(:?\d\d)?)$/.test(iso) ? Date.parse(iso) : NaN;
  return Number.isNaN(ms)
    ? DateTime.invalid(`not an instant: ${iso}`)
    : DateTime.fromMillis(ms, { zone: ZONE });
}

/** A clock that only moves when told to. */
export class FixedClock implements Clock {
  private current: DateTime;

  constructor(start: DateTime | string) {
    this.current = (typeof start === 'string' ? DateTime.fromISO(start, { zone: ZONE }) : start).setZone(
      ZONE,
    );
    if (!this.current.isValid) throw new Error(`FixedClock: invalid start ${String(start)}`);
  }

  now(): DateTime {
    return this.current;
  }

  set(to: DateTime | string): void {
    this.current = (typeof to === 'string' ? DateTime.fromISO(to, { zone: ZONE }) : to).setZone(ZONE);
  }

  advance(by: DurationLike): void {
    this.current = this.current.plus(Duration.fromDurationLike(by));
  }
}
