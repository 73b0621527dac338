import { IsInt, Max, Min } from 'class-validator';
import { ServiceConfig } from '@permanentie/config';

export class TriageConfig extends ServiceConfig {
  @IsInt()
  @Min(1)
  @Max(65535)
  TRIAGE_PORT: number = 3002;
}
