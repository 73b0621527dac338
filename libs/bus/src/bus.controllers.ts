import { Controller, Get, NotFoundException, Param, Post, ServiceUnavailableException } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public, Roles } from '@permanentie/platform';
import { BusQueues } from './queues';

/** Response shapes, for the OpenAPI document only. */
class JobCountsDoc {
  @ApiProperty() waiting: number;
  @ApiProperty() active: number;
  @ApiProperty() delayed: number;
  @ApiProperty() failed: number;
}

class HealthDoc {
  @ApiProperty({ enum: ['ok', 'down'] }) status: string;
  @ApiProperty({ enum: ['up', 'down'] }) postgres: string;
  @ApiProperty({ enum: ['up', 'down'] }) redis: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/JobCountsDoc' },
    description: 'Job counts per bus queue (empty while Redis is down)',
  })
  queues: Record<string, JobCountsDoc>;
}

class BusErrorDoc {
  @ApiProperty({ example: 404 }) statusCode: number;
  @ApiProperty({ example: 'Not Found' }) error: string;
  @ApiProperty() message: string;
}

class FailedJobDoc {
  @ApiProperty({ example: '{permanentie}:events-dispatch' }) queue: string;
  @ApiProperty({ description: 'The outbox id of the event' }) jobId: string;
  @ApiProperty({ example: 'triage.case-triaged' }) event: string;
  @ApiProperty() attemptsMade: number;
  @ApiProperty() failedReason: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) failedAt: string | null;
}

class ReplayDoc {
  @ApiProperty() replayed: string;
}

@ApiTags('health')
@ApiExtraModels(JobCountsDoc)
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: BusQueues,
  ) {}

  /** State of PostgreSQL, Redis and the bus queues. 200 when usable, 503 otherwise. */
  @Public()
  @Get()
  @ApiOkResponse({ type: HealthDoc, description: 'PostgreSQL and Redis up' })
  @ApiServiceUnavailableResponse({ type: HealthDoc, description: 'PostgreSQL or Redis down (same body)' })
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
@ApiUnauthorizedResponse({ type: BusErrorDoc, description: 'No or invalid access token' })
@ApiForbiddenResponse({ type: BusErrorDoc, description: 'Not an admin' })
@Roles('admin')
@Controller('admin/bus')
export class BusAdminController {
  constructor(private readonly queues: BusQueues) {}

  @Get('failed')
  @ApiOkResponse({
    type: [FailedJobDoc],
    description: 'Events that used up their retries (up to 500 a queue)',
  })
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
  @ApiOkResponse({ type: ReplayDoc, description: 'Back in its queue, retried from its first attempt' })
  @ApiNotFoundResponse({ type: BusErrorDoc, description: 'No failed job with that id on that queue' })
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
