/** The services that own a queue on the bus. Each consumes only its own queue. */
export const SERVICES = ['roster', 'triage', 'dispatch', 'gateway'] as const;
export type ServiceName = (typeof SERVICES)[number];

/**
 * The queue a service consumes. The gateway's queue is the push queue: every event routed to it
 * ends up on somebody's screen.
 */
export function queueOf(service: ServiceName): string {
  return `events-${service}`;
}
