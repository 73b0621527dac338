import { Init1764000000000 } from './1764000000000-init';
import { Dispatch1764300000000 } from './1764300000000-dispatch';
import { Reassignment1764500000000 } from './1764500000000-reassignment';

/** In order. A new migration is appended here. */
export const DISPATCH_MIGRATIONS = [Init1764000000000, Dispatch1764300000000, Reassignment1764500000000];
