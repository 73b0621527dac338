import { Logger } from '@nestjs/common';
import { Agent as HttpAgent, IncomingMessage, request as httpRequest, ServerResponse } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface ProxiedRequest extends IncomingMessage {
  /** Set by the body parsers that ran before the proxy (undefined: the stream is still unread). */
  body?: unknown;
}

const parsed = (req: ProxiedRequest) => req.body !== undefined;

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
]);

const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 256 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 256 });

/** The body again, as it came: the gateway's body parsers (with their size limits) ran first. */
export function bodyOf(req: ProxiedRequest): Buffer | undefined {
  if (!parsed(req)) return undefined;
  const type = String(req.headers['content-type'] ?? '');
  if (type.includes('application/x-www-form-urlencoded'))
    return Buffer.from(new URLSearchParams(req.body as Record<string, string>).toString());
  if (Buffer.isBuffer(req.body)) return req.body;
  if (typeof req.body === 'string') return Buffer.from(req.body);
  return Buffer.from(JSON.stringify(req.body));
}

/**
 * A reverse proxy to one service, mounted at /api/<service>: method, path, query, headers
 * (Authorization included; every service checks the token itself) and body go through, with
 * the client's address appended to X-Forwarded-For. Logs name the service and error code only:
 * never a path, query or body, which can carry patient data.
 */
export function proxyTo(
  service: string,
  target: string,
  timeoutMs = 30_000,
): (req: ProxiedRequest, res: ServerResponse) => void {
  const logger = new Logger('Proxy');
  const base = new URL(target);
  const basePath = base.pathname.replace(/\/$/, '');
  const secure = base.protocol === 'https:';
  return (req, res) => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    }
    const client = req.socket.remoteAddress ?? '';
    const prior = req.headers['x-forwarded-for'];
    headers['x-forwarded-for'] = prior ? `${String(prior)}, ${client}` : client;
    headers['x-forwarded-proto'] ??= secure ? 'https' : 'http';
    if (req.headers.host) headers['x-forwarded-host'] ??= req.headers.host;
    const body = bodyOf(req);
    if (body) headers['content-length'] = String(body.length);
    else if (req.headers['content-length'] && !parsed(req))
      headers['content-length'] = req.headers['content-length'];
    else if (req.headers['transfer-encoding'] && !parsed(req)) headers['transfer-encoding'] = 'chunked';

    const upstream = (secure ? httpsRequest : httpRequest)(
      {
        protocol: base.protocol,
        hostname: base.hostname,
        port: base.port,
        method: req.method,
        path: basePath + (req.url ?? '/'),
        headers,
        agent: secure ? httpsAgent : httpAgent,
        timeout: timeoutMs,
      },
      (answer: IncomingMessage) => {
        const out: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(answer.headers)) {
          if (value !== undefined && (!HOP_BY_HOP.has(name) || name === 'content-length')) out[name] = value;
        }
        res.writeHead(answer.statusCode ?? 502, out);
        answer.pipe(res);
      },
    );
    const fail = (status: number, message: string, code: string) => {
      logger.warn(`${service}: ${code}`);
      if (res.headersSent) return res.destroy();
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(
        JSON.stringify({
          statusCode: status,
          error: status === 504 ? 'Gateway Timeout' : 'Bad Gateway',
          message,
        }),
      );
    };
    upstream.on('timeout', () => {
      upstream.destroy(new Error('timeout'));
    });
    upstream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.message === 'timeout')
        fail(504, `Dienst ${service} antwoordt niet / service indisponible`, 'timeout');
      else fail(502, `Dienst ${service} niet bereikbaar / service injoignable`, e.code ?? e.name);
    });
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    if (body) upstream.end(body);
    else if (parsed(req)) upstream.end();
    else req.pipe(upstream);
  };
}
