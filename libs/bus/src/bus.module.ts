import {
  BeforeApplicationShutdown,
  DynamicModule,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ServiceName } from '@permanentie/contracts';
import { SERVICE_CONFIG, ServiceConfig } from '@permanentie/config';
import { BUS_OPTIONS, busOptions } from './bus.options';
import { BusAdminController, HealthController } from './bus.controllers';
import { BusConsumer } from './consumer';
import { Outbox } from './outbox';
import { BusQueues } from './queues';
import { warnUnlessNoEviction, whenReady } from './redis';
import { OutboxRelay } from './relay';

@Injectable()
class RedisBootCheck implements OnApplicationBootstrap {
  constructor(@Inject(BusQueues) private readonly queues: BusQueues) {}

  async onApplicationBootstrap(): Promise<void> {
    await whenReady(this.queues.redis);
    await warnUnlessNoEviction(this.queues.redis);
  }
}

/**
 * Graceful stop, in `beforeApplicationShutdown` because Nest calls it before any module's
 * `onApplicationShutdown`, where TypeORM closes the database: first the consumer stops taking
 * jobs and its running handlers commit, then the relay sends what they published and stops.
 * (BusQueues closes its producer connection later, in onApplicationShutdown.)
 */
@Injectable()
class BusShutdown implements BeforeApplicationShutdown {
  constructor(
    @Inject(BusConsumer) private readonly consumer: BusConsumer,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
    await this.relay.stop();
  }
}

/** The integration bus of one service: outbox + relay out, queue consumer + inbox in. */
@Module({})
export class BusModule {
  static forService(service: ServiceName, opts: { requireAllHandlers?: boolean } = {}): DynamicModule {
    return {
      module: BusModule,
      global: true,
      imports: [DiscoveryModule],
      controllers: [HealthController, BusAdminController],
      providers: [
        {
          provide: BUS_OPTIONS,
          inject: [SERVICE_CONFIG],
          useFactory: (c: ServiceConfig) => busOptions(service, c, opts.requireAllHandlers ?? true),
        },
        BusQueues,
        Outbox,
        OutboxRelay,
        BusConsumer,
        RedisBootCheck,
        BusShutdown,
      ],
      exports: [Outbox, BusQueues, OutboxRelay, BUS_OPTIONS],
    };
  }
}
