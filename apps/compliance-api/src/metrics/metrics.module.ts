import { Global, Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Server } from 'node:http';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.module.js';
import { eventStoreKind } from '../event-store/open-event-store.js';
import { MetricsController } from './metrics.controller.js';
import { serveMetricsPort } from './metrics-port.js';
import { Metrics } from './metrics.js';

/** The metrics for the whole application; GET /metrics, and METRICS_PORT when set. */
@Global()
@Module({
  providers: [
    {
      provide: Metrics,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new Metrics(eventStoreKind(config)),
    },
  ],
  controllers: [MetricsController],
  exports: [Metrics],
})
export class MetricsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private port?: Server;

  constructor(
    @Inject(Metrics) private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.metricsPort !== undefined) {
      this.port = await serveMetricsPort(this.metrics, this.config.metricsPort, this.config.host);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const port = this.port;
    if (port === undefined) return;
    await new Promise((resolve) => port.close(resolve));
  }
}
