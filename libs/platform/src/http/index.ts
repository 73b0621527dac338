export * from './errors';
export * from './create-service-app';
