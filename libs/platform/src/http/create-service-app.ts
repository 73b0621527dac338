import { INestApplication, Logger, LogLevel, Type, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { SERVICE_CONFIG, ServiceConfig } from '@permanentie/config';
import { ErrorFilter, flattenValidationErrors, InvalidInput } from './errors';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export function logLevels(level = process.env.LOG_LEVEL ?? 'log'): LogLevel[] {
  return LEVELS.slice(0, Math.max(LEVELS.indexOf(level as LogLevel), 1) + 1);
}

/**
 * The same HTTP hardening and conventions for every service: body limits, security headers,
 * CORS for the configured origins, one validation error shape, no stack traces, OpenAPI at
 * /api/docs. Used by main.ts and by tests alike.
 */
export function configureServiceApp(app: INestApplication, name: string): INestApplication {
  const express = app as NestExpressApplication;
  const config = app.get<ServiceConfig>(SERVICE_CONFIG);
  express.useBodyParser('json', { limit: '200kb' });
  express.useBodyParser('urlencoded', { limit: '50kb', extended: false });
  express.use(helmet({ contentSecurityPolicy: false }));
  express.set('trust proxy', 'loopback');
  express.disable('x-powered-by');
  app.enableCors({
    origin: config.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    credentials: true,
  });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => new InvalidInput(flattenValidationErrors(errors)),
    }),
  );
  app.useGlobalFilters(new ErrorFilter());
  const doc = new DocumentBuilder().setTitle(`Permanentie ${name}`).setVersion('1').addBearerAuth().build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), {
    jsonDocumentUrl: 'api/docs-json',
  });
  return app;
}

export async function createServiceApp(
  module: Type<unknown> | object,
  name: string,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module as Type<unknown>, {
    bodyParser: false,
    logger: logLevels(),
  });
  return configureServiceApp(app, name);
}

/**
 * Graceful stop on SIGTERM/SIGINT: close the apps in reverse order (workers finish their jobs,
 * relays stop, pools drain), then exit 0. One handler for all apps of the process.
 */
export function closeOnSignals(apps: INestApplication[]): void {
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    Logger.log(`${signal}: shutting down`, 'Boot');
    const timer = setTimeout(() => process.exit(1), 25_000);
    (async () => {
      for (const app of [...apps].reverse()) await app.close();
    })()
      .then(() => {
        clearTimeout(timer);
        process.exit(0);
      })
      .catch((e: Error) => {
        Logger.error(`shutdown failed: ${e.message}`, 'Boot');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
