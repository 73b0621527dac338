import { DynamicModule, Global, Module } from '@nestjs/common';
import { loadConfig } from './load-config';
import { ServiceConfig } from './service.config';

/** The validated config of the running service, as its base class (for libs). */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

@Global()
@Module({})
export class ConfigModule {
  /**
   * Validates the environment against the service's config class once, at module creation:
   * a bad value stops the boot with a message naming the variable. `overrides` is for tests.
   */
  static forService<T extends ServiceConfig>(cls: new () => T, overrides: Partial<T> = {}): DynamicModule {
    const config = Object.assign(loadConfig(cls), overrides);
    return {
      module: ConfigModule,
      providers: [
        { provide: cls, useValue: config },
        { provide: SERVICE_CONFIG, useValue: config },
      ],
      exports: [cls, SERVICE_CONFIG],
    };
  }
}
