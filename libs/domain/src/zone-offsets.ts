import { IANAZone } from 'luxon';

/**
 * Luxon works out a zone's UTC offset with Intl.DateTimeFormat#formatToParts on every DateTime it
 * makes or moves, which was the largest single cost in dispatch's hot path. Offsets only change
 * at transitions, and every transition of Europe/Brussels (and of any zone since 1970) falls on
 * a whole minute, so the offset is memoised per zone and UTC minute. Loaded by this library's
 * index, before any DateTime is made.
 */
const MINUTE_MS = 60_000;
const MAX_MINUTES_PER_ZONE = 100_000;
const computeOffset = IANAZone.prototype.offset;
const byZone = new Map<string, Map<number, number>>();

export function offsetOf(zone: IANAZone, ts: number): number {
  let minutes = byZone.get(zone.name);
  if (!minutes) byZone.set(zone.name, (minutes = new Map()));
  const minute = Math.floor(ts / MINUTE_MS);
  let offset = minutes.get(minute);
  if (offset === undefined) {
    offset = computeOffset.call(zone, ts);
    if (minutes.size >= MAX_MINUTES_PER_ZONE) minutes.clear();
    minutes.set(minute, offset);
  }
  return offset;
}

/** The unmemoised computation, for the test that compares the two. */
export const uncachedOffset = (zone: IANAZone, ts: number): number => computeOffset.call(zone, ts);

IANAZone.prototype.offset = function (this: IANAZone, ts: number): number {
  return offsetOf(this, ts);
};
