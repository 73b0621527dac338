import { IsInt, Max, Min } from 'class-validator';
import { ServiceConfig } from '@permanentie/config';

export class TriageConfig extends ServiceConfig {
  @IsInt()
  @Min(1)
  @Max(65535)
  TRIAGE_PORT: number = 3002;

  /** How often the job delivers pending contact reports; 0 turns the timer off (tests). */
  @IsInt()
  @Min(0)
  REPORT_DELIVERY_INTERVAL_MS: number = 60_000;
}
