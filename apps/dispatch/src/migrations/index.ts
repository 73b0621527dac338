import { Init1764000000000 } from './1764000000000-init';
import { Dispatch1764300000000 } from './1764300000000-dispatch';

/** In order. A new migration is appended here. */
export const DISPATCH_MIGRATIONS = [Init1764000000000, Dispatch1764300000000];
