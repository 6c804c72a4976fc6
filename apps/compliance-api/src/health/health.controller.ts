import { Controller, Get, UseFilters } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @HealthCheck()
  @ApiOperation({ summary: 'Ready to serve: 200 when the event store answers and the read models have caught up' })
  check() {
    return this.health.check([() => this.eventStore.check('eventStore'), () => this.projections.check('readModels')]);
  }
}
