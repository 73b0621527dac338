import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { queueOf, ServiceName, SERVICES } from '@permanentie/contracts';
import { BUS_OPTIONS, BusOptions } from './bus.options';
import { producerConnection, RedisConnection } from './redis';

/** Producer side of every service queue, sharing one fail-fast connection. */
@Injectable()
export class BusQueues implements OnApplicationShutdown {
  readonly redis: RedisConnection;
  private readonly queues = new Map<ServiceName, Queue>();

  constructor(@Inject(BUS_OPTIONS) private readonly options: BusOptions) {
    this.redis = producerConnection(options);
  }

  of(service: ServiceName): Queue {
    let queue = this.queues.get(service);
    if (!queue) {
      queue = new Queue(queueOf(service), { connection: this.redis, prefix: this.options.prefix });
      queue.on('error', () => undefined); // connection errors are logged once, on the connection
      this.queues.set(service, queue);
    }
    return queue;
  }

  all(): Queue[] {
    return SERVICES.map((s) => this.of(s));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.redis.disconnect();
  }
}
