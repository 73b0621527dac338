import { ServiceDatabase } from '@permanentie/persistence';
import { Account } from './accounts/account.entity';
import { RefreshToken, Session } from './auth/session.entity';
import { PendingOffer } from './push/pending-offer.entity';
import { GATEWAY_MIGRATIONS } from './migrations';

export const GATEWAY_DATABASE: ServiceDatabase = {
  schema: 'gateway',
  entities: [Account, Session, RefreshToken, PendingOffer],
  migrations: GATEWAY_MIGRATIONS,
};
