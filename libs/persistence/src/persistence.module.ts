import { DynamicModule, Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG, ServiceConfig } from '@permanentie/config';
import { dataSourceOptions, migrate, ServiceDatabase } from './database';

export const SERVICE_DATABASE = Symbol('SERVICE_DATABASE');

@Injectable()
class MigrateOnBoot implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_DATABASE) private readonly db: ServiceDatabase,
  ) {}

  async onModuleInit(): Promise<void> {
    await migrate(this.dataSource, this.db.schema);
  }
}

@Module({})
export class PersistenceModule {
  static forService(db: ServiceDatabase): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [SERVICE_CONFIG],
          useFactory: (config: ServiceConfig) =>
            dataSourceOptions(config.DATABASE_URL, db, config.DB_POOL_SIZE),
        }),
        TypeOrmModule.forFeature(db.entities as never),
      ],
      providers: [{ provide: SERVICE_DATABASE, useValue: db }, MigrateOnBoot],
      exports: [TypeOrmModule, SERVICE_DATABASE],
    };
  }
}
