import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';

const KEY = 'gatewayAfterCommit';
type Pending = Array<() => void>;

/** Runs fn once the transaction of tx has committed (at once outside a transaction); never after a rollback. */
export function afterCommit(tx: EntityManager, fn: () => void): void {
  const runner = tx.queryRunner;
  if (!runner?.isTransactionActive) return fn();
  ((runner.data[KEY] as Pending | undefined) ?? (runner.data[KEY] = [])).push(fn);
}

/** The TypeORM subscriber behind afterCommit, on the gateway's data source. */
@Injectable()
export class AfterCommitHooks implements EntitySubscriberInterface, OnModuleInit {
  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  afterTransactionCommit({ queryRunner }: TransactionCommitEvent): void {
    if (queryRunner.isTransactionActive) return; // a savepoint, not the commit
    const pending = (queryRunner.data[KEY] as Pending | undefined) ?? [];
    queryRunner.data[KEY] = [];
    for (const fn of pending) fn();
  }

  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    if (!queryRunner.isTransactionActive) queryRunner.data[KEY] = [];
  }
}
