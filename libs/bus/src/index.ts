export * from './bus.options';
export * from './bus.module';
export * from './bus-tables';
export * from './handles-event';
export * from './outbox';
export * from './queues';
export * from './relay';
export * from './consumer';
