import { ServiceDatabase } from '@permanentie/persistence';
import { ROSTER_MIGRATIONS } from './migrations';

export const ROSTER_DATABASE: ServiceDatabase = {
  schema: 'roster',
  entities: [],
  migrations: ROSTER_MIGRATIONS,
};
