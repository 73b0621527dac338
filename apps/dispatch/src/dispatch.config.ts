import { IsInt, Max, Min } from 'class-validator';
import { ServiceConfig } from '@permanentie/config';

export class DispatchConfig extends ServiceConfig {
  @IsInt()
  @Min(1)
  @Max(65535)
  DISPATCH_PORT: number = 3003;

  /** Periodic sweep of due offers, SLA marks and waiting cases: the net under lost timers. */
  @IsInt()
  @Min(100)
  @Max(60_000)
  DISPATCH_SWEEP_MS: number = 2000;

  /** How often a case nobody could take is tried again (seconds). */
  @IsInt()
  @Min(1)
  @Max(3600)
  DISPATCH_RETRY_S: number = 30;
}
