import { Controller, Get, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access } from '../access/access.decorator.js';
import { ApiSummary } from '../openapi/operations.js';
import { Metrics } from './metrics.js';

/**
 * The metrics on the API's port: for an admin key only, since they tell how busy the service is
 * and which routes are called. A scraper that should hold no admin key reads them on
 * METRICS_PORT instead, a port kept off the public network.
 */
@Access({ roles: [] })
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @ApiSummary(
    'The metrics, in the Prometheus text format',
    'Request durations by route and status, appends, events applied to the read models, their lag behind the log, open change streams, rate-limit refusals, and the process. Also served without a key on METRICS_PORT when that is set.',
  )
  @ApiResponse({
    status: 200,
    description: 'Every metric, in the Prometheus text exposition format 0.0.4',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  async scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    void reply.header('content-type', this.metrics.contentType);
    return this.metrics.text();
  }
}
