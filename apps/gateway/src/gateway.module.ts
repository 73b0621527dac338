import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BusModule } from '@permanentie/bus';
import { ConfigModule } from '@permanentie/config';
import { PersistenceModule } from '@permanentie/persistence';
import { PlatformModule } from '@permanentie/platform';
import { AccountsController } from './accounts/accounts.controller';
import { AccountsService } from './accounts/accounts.service';
import { AuthController, MeController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { LoginLimiter } from './auth/login-limiter';
import { GatewayConfig } from './gateway.config';
import { GATEWAY_DATABASE } from './gateway.database';
import { AfterCommitHooks } from './push/after-commit';
import { OfferDelivery } from './push/offer-delivery';
import { PushHandlers } from './push/push.handlers';
import { SocketHub } from './socket/socket-hub';
import { HttpExtras } from './web/http-extras';

@Module({})
export class GatewayModule {
  static forRoot(overrides: Partial<GatewayConfig> = {}): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ConfigModule.forService(GatewayConfig, overrides),
        PlatformModule,
        PersistenceModule.forService(GATEWAY_DATABASE),
        BusModule.forService('gateway'),
        CqrsModule.forRoot(),
      ],
      controllers: [AuthController, MeController, AccountsController],
      providers: [
        AccountsService,
        AuthService,
        LoginLimiter,
        SocketHub,
        AfterCommitHooks,
        OfferDelivery,
        PushHandlers,
        HttpExtras,
      ],
    };
  }
}
