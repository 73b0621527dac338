import { Controller, Get, NotFoundException, Param, Post, ServiceUnavailableException } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public, Roles } from '@permanentie/platform';
import { BusQueues } from './queues';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: BusQueues,
  ) {}

  /** State of PostgreSQL, Redis and the bus queues. 200 when usable, 503 otherwise. */
  @Public()
  @Get()
  async health(): Promise<Record<string, unknown>> {
    const [postgres, redis] = await Promise.all([
      this.dataSource
        .query('SELECT 1')
        .then(() => 'up')
        .catch(() => 'down'),
      this.queues.redis
        .ping()
        .then(() => 'up')
        .catch(() => 'down'),
    ]);
    const queues: Record<string, unknown> = {};
    if (redis === 'up') {
      for (const q of this.queues.all()) {
        queues[q.name] = await q.getJobCounts('waiting', 'active', 'delayed', 'failed');
      }
    }
    const status = postgres === 'up' && redis === 'up' ? 'ok' : 'down';
    const body = { status, postgres, redis, queues };
    if (status !== 'ok') throw new ServiceUnavailableException(body);
    return body;
  }
}

/** Events that used up their retries stay in the failed set; an admin can list and replay them. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/bus')
export class BusAdminController {
  constructor(private readonly queues: BusQueues) {}

  @Get('failed')
  async failed(): Promise<unknown[]> {
    const lists = await Promise.all(this.queues.all().map((q) => q.getFailed(0, 499)));
    return lists.flat().map((job) => ({
      queue: job.queueName,
      jobId: job.id,
      event: job.name,
      attemptsMade: job.attemptsMade,
      failedReason: job.failedReason,
      failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    }));
  }

  @Post('failed/:queue/:jobId/replay')
  async replay(
    @Param('queue') queueName: string,
    @Param('jobId') jobId: string,
  ): Promise<{ replayed: string }> {
    const queue = this.queues.all().find((q) => q.name === queueName);
    const job = queue ? await queue.getJob(jobId) : undefined;
    if (!job || !(await job.isFailed()))
      throw new NotFoundException(`No failed job ${jobId} on ${queueName}`);
    await job.retry('failed');
    return { replayed: jobId };
  }
}
