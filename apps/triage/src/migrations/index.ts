import { Init1764000000000 } from './1764000000000-init';

/** In order. A new migration is appended here. */
export const TRIAGE_MIGRATIONS = [Init1764000000000];
