import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayConfig } from '../gateway.config';
import { proxyTo } from '../proxy/proxy';
import { consoleFiles } from './static-files';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
interface ExpressLike {
  use(path: string, fn: Middleware): void;
  use(fn: Middleware): void;
}

/**
 * Mounted after the gateway's own routes and before Nest's 404 handler (module init runs
 * between the two): the reverse proxy to the other services, then the console's files.
 */
@Injectable()
export class HttpExtras implements OnModuleInit {
  constructor(
    private readonly http: HttpAdapterHost,
    private readonly config: GatewayConfig,
  ) {}

  onModuleInit(): void {
    const app = this.http.httpAdapter.getInstance<ExpressLike>();
    const upstreams: Array<[string, string]> = [
      ['roster', this.config.ROSTER_URL],
      ['triage', this.config.TRIAGE_URL],
      ['dispatch', this.config.DISPATCH_URL],
    ];
    for (const [service, url] of upstreams) app.use(`/api/${service}`, proxyTo(service, url) as Middleware);
    app.use(consoleFiles(this.config.WEB_ROOT));
  }
}
