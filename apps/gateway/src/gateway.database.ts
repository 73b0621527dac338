import { ServiceDatabase } from '@permanentie/persistence';
import { GATEWAY_MIGRATIONS } from './migrations';

export const GATEWAY_DATABASE: ServiceDatabase = {
  schema: 'gateway',
  entities: [],
  migrations: GATEWAY_MIGRATIONS,
};
