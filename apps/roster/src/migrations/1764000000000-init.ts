import { MigrationInterface, QueryRunner } from 'typeorm';
import { createBusTables, dropBusTables } from '@permanentie/bus';

export class Init1764000000000 implements MigrationInterface {
  name = 'Init1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await createBusTables(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropBusTables(q);
  }
}
