export * from './auth';
export * from './http';
export * from './platform.module';
