import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

/**
 * An unhealthy report is an answer, not an error: probes and operators get terminus's report
 * (which indicator is down, and why) with its 503, not a problem document.
 */
@Catch(HttpException)
export class HealthReportFilter implements ExceptionFilter {
  catch(exception: HttpException, host: ArgumentsHost): void {
    void host.switchToHttp().getResponse<FastifyReply>().status(exception.getStatus()).send(exception.getResponse());
  }
}
