import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig, LogLevel } from './config/app-config.js';
import { AccessModule } from './access/access.module.js';
import { CommandsModule } from './commands/commands.module.js';
import { AppConfigModule } from './config/app-config.module.js';
import { requestForLogs } from './http/request-for-logs.js';
import { EventStoreModule } from './event-store/event-store.module.js';
import { HealthModule } from './health/health.module.js';
import { logTransport } from './logging/log-transport.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { QueriesModule } from './queries/queries.module.js';
import { ReadSideModule } from './read-side/read-side.module.js';
import { TransparencyModule } from './transparency/transparency.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot({
          // nestjs-pino's default route pattern matches nothing under the Fastify adapter of
          // NestJS 12, which would silently drop every request log. Above `info` no request line
          // would be printed, so the per-request logging middleware (a good share of a register
          // read's cost) is not installed at all.
          forRoutes: logsRequests(config.logLevel) ? [{ path: '{*splat}', method: RequestMethod.ALL }] : [],
          pinoHttp: {
            level: config.logLevel,
            transport: logTransport(process.stdout.isTTY === true),
            redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
            // no key, and no IIN in full, ever reaches the logs
            serializers: { req: requestForLogs },
          },
        }),
        CqrsModule.forRoot(),
        MetricsModule,
        EventStoreModule,
        HealthModule,
        ReadSideModule,
        TransparencyModule,
        AccessModule,
        CommandsModule,
        QueriesModule,
      ],
    };
  }
}

/** Request lines are logged at `info`. */
function logsRequests(level: LogLevel): boolean {
  return level === 'info' || level === 'debug' || level === 'trace';
}
