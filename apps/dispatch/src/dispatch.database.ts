import { ServiceDatabase } from '@permanentie/persistence';
import { DISPATCH_MIGRATIONS } from './migrations';

export const DISPATCH_DATABASE: ServiceDatabase = {
  schema: 'dispatch',
  entities: [],
  migrations: DISPATCH_MIGRATIONS,
};
