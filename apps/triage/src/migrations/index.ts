import { Init1764000000000 } from './1764000000000-init';
import { Triage1764200000000 } from './1764200000000-triage';
import { KringCalendar1764400000000 } from './1764400000000-kring-calendar';

/** In order. A new migration is appended here. */
export const TRIAGE_MIGRATIONS = [Init1764000000000, Triage1764200000000, KringCalendar1764400000000];
