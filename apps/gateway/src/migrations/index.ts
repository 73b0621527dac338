import { Init1764000000000 } from './1764000000000-init';
import { Accounts1764100000000 } from './1764100000000-accounts';

/** In order. A new migration is appended here. */
export const GATEWAY_MIGRATIONS = [Init1764000000000, Accounts1764100000000];
