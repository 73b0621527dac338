import { IsInt, Max, Min } from 'class-validator';
import { ServiceConfig } from '@permanentie/config';

export class RosterConfig extends ServiceConfig {
  @IsInt()
  @Min(1)
  @Max(65535)
  ROSTER_PORT: number = 3001;
}
