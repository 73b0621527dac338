import { ServiceDatabase } from '@permanentie/persistence';
import { TRIAGE_MIGRATIONS } from './migrations';

export const TRIAGE_DATABASE: ServiceDatabase = {
  schema: 'triage',
  entities: [],
  migrations: TRIAGE_MIGRATIONS,
};
