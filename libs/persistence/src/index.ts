import './prepared-statements';
export * from './database';
export * from './persistence.module';
