export * from './services';
export * from './event';
export * from './codes';
export * from './events';
export * from './socket';
