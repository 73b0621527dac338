import { IsInt, Max, Min } from 'class-validator';
import { ServiceConfig } from '@permanentie/config';

export class GatewayConfig extends ServiceConfig {
  @IsInt()
  @Min(1)
  @Max(65535)
  GATEWAY_PORT: number = 3000;
}
