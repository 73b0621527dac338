export * from './token';
export * from './decorators';
export * from './auth.guard';
export * from './authenticate';
