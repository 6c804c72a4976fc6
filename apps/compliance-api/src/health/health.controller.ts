import { Controller, Get, UseFilters } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiSuccess, ApiSummary, schemaRef } from '../openapi/operations.js';
import { Public } from '../access/access.decorator.js';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { EventStoreHealthIndicator } from './event-store.health.js';
import { HealthReportFilter } from './health-report.filter.js';
import { ProjectionsHealthIndicator } from './projections.health.js';

@Public()
@ApiTags('operations')
@Controller('health')
@UseFilters(HealthReportFilter)
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly eventStore: EventStoreHealthIndicator,
    private readonly projections: ProjectionsHealthIndicator,
  ) {}

  @Get()
  // terminus's own OpenAPI description of the answer is looser than ours
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiSummary(
    'Ready to serve: 200 when the event store answers and the read models have caught up',
    'For load balancers and operators; no key needed, never rate limited.',
  )
  @ApiSuccess('Health', { description: 'Ready' })
  @ApiResponse({
    status: 503,
    description: 'Not ready: the event store does not answer, or the read models are catching up or failing',
    content: { 'application/json': { schema: schemaRef('HealthUnavailable') } },
  })
  check() {
    return this.health.check([() => this.eventStore.check('eventStore'), () => this.projections.check('readModels')]);
  }
}
