import { IsInt, Max, Min } from 'class-validator';
import { ServiceConfig } from '@permanentie/config';

export class DispatchConfig extends ServiceConfig {
  @IsInt()
  @Min(1)
  @Max(65535)
  DISPATCH_PORT: number = 3003;
}
