import { Init1764000000000 } from './1764000000000-init';
import { RosterTables1764100000000 } from './1764100000000-roster-tables';
import { AnnounceKringCalendars1764400000000 } from './1764400000000-announce-kring-calendars';

/** In order. A new migration is appended here. */
export const ROSTER_MIGRATIONS = [
  Init1764000000000,
  RosterTables1764100000000,
  AnnounceKringCalendars1764400000000,
];
