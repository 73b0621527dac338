import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import {
  BusEvent,
  CaseTriaged,
  DutyAssigned,
  EventDefinition,
  eventKey,
  GpChanged,
  Language,
  PayloadOf,
  queueOf,
  ZoneChanged,
} from '@permanentie/contracts';
import { jobOptions } from '@permanentie/bus';
import { REDIS_URL } from '@permanentie/testing';

/** Puts events on dispatch's queue as the relay of roster or triage would. */
export class Feeder {
  readonly queue: Queue;
  constructor(prefix: string) {
    this.queue = new Queue(queueOf('dispatch'), { connection: { url: REDIS_URL }, prefix: `{${prefix}}` });
  }

  async send<P>(def: EventDefinition<P>, payload: P, occurredAt = new Date().toISOString()): Promise<string> {
    const id = randomUUID();
    const data: BusEvent<P> = { id, name: def.name, version: def.version, occurredAt, payload };
    await this.queue.add(eventKey(def), data, jobOptions(id, 3));
    return id;
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

export interface GpSpec {
  gpId: string;
  zoneId: string;
  role?: 'first' | 'backup' | 'supervisor';
  kind?: 'dagwacht' | 'wachtpost' | 'weekwacht' | 'noodpunt' | 'overflow';
  languages?: Language[];
  postcode?: string;
  from?: string;
  to?: string;
}

/** Zones and GPs on duty, through roster events. */
export async function seedRoster(
  feed: Feeder,
  wachtpostId: string,
  zones: { zoneId: string; overflow?: string[]; postcodes?: string[] }[],
  gps: GpSpec[],
): Promise<void> {
  for (const z of zones) {
    await feed.send(ZoneChanged, {
      zoneId: z.zoneId,
      kringId: 'k1',
      wachtpostId,
      postcodes: z.postcodes ?? [],
      overflowZoneIds: z.overflow ?? [],
      active: true,
    });
  }
  for (const g of gps) {
    await feed.send(GpChanged, {
      gpId: g.gpId,
      kringId: 'k1',
      languages: g.languages ?? ['nl'],
      practicePostcode: g.postcode ?? '1500',
      capabilities: [],
      active: true,
    });
    await feed.send(DutyAssigned, {
      assignmentId: `as-${g.gpId}-${g.zoneId}-${g.role ?? 'first'}`,
      rosterId: 'r1',
      shiftId: 's1',
      kringId: 'k1',
      zoneId: g.zoneId,
      dutyKind: g.kind ?? 'wachtpost',
      role: g.role ?? 'first',
      gpId: g.gpId,
      startsAt: g.from ?? '2026-11-25T19:00:00+01:00',
      endsAt: g.to ?? '2026-11-27T08:00:00+01:00',
    });
  }
}

export function triaged(
  caseId: string,
  wachtpostId: string,
  zoneId: string | null,
  over: Partial<PayloadOf<typeof CaseTriaged>> = {},
): PayloadOf<typeof CaseTriaged> {
  return {
    caseId,
    wachtpostId,
    zoneId,
    urgency: 'U3',
    channel: '1733',
    disposition: 'consultation',
    language: 'nl',
    postcode: '1500',
    receivedAt: '2026-11-25T22:00:00+01:00',
    dueAt: '2026-11-26T01:00:00+01:00',
    revision: 1,
    ...over,
  };
}

export interface OutboxEvent {
  name: string;
  payload: Record<string, unknown>;
}

/** Events dispatch published about a case, in order. */
export async function eventsOf(db: DataSource, caseId: string, name?: string): Promise<OutboxEvent[]> {
  const rows: { event_name: string; payload: Record<string, unknown> }[] = await db.query(
    `SELECT event_name, payload FROM dispatch.outbox WHERE payload->>'caseId' = $1 ${name ? 'AND event_name = $2' : ''}
     ORDER BY seq`,
    name ? [caseId, name] : [caseId],
  );
  return rows.map((r) => ({ name: r.event_name, payload: r.payload }));
}

/** Waits until every event put on the queue so far has been handled. */
export async function drained(feed: Feeder, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const c = await feed.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed');
    if (c.failed > 0) throw new Error(`dispatch failed ${c.failed} event(s)`);
    if (c.waiting + c.active + c.delayed + c.prioritized === 0) return;
    if (Date.now() > end) throw new Error(`queue not drained: ${JSON.stringify(c)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
