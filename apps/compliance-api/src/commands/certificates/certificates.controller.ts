import { Body, Controller, Param } from '@nestjs/common';
import { OfficerWrites } from '../../access/access.decorator.js';
import { ApiTags } from '@nestjs/swagger';
import { EntityPath } from '../entities/entity.requests.js';
import { FactRecorder, PostFact } from '../fact-recorder.js';
import { Write, type WriteRequest } from '../write-context.js';
import {
  CertificatePath,
  CompleteSurveillanceAuditRequest,
  IssueCertificateRequest,
  ReinstateCertificateRequest,
  RenewCertificateRequest,
  SuspendCertificateRequest,
  WithdrawCertificateRequest,
} from './certificate.requests.js';

@OfficerWrites()
@ApiTags('certification')
@Controller('v1/entities/:bin/certificates')
export class CertificatesController {
  constructor(private readonly facts: FactRecorder) {}

  @PostFact('', 'Record an anti-corruption certificate (ISO 37001 or ST RK 3049)')
  issue(@Param() { bin }: EntityPath, @Body() body: IssueCertificateRequest, @Write() write: WriteRequest) {
    return this.facts.record(bin, 'IssueCertificate', body, write);
  }

  @PostFact(':certificateId/surveillance-audits', 'Record a surveillance audit of a certificate')
  audit(
    @Param() { bin, certificateId }: CertificatePath,
    @Body() body: CompleteSurveillanceAuditRequest,
    @Write() write: WriteRequest,
  ) {
    return this.facts.record(bin, 'CompleteSurveillanceAudit', { certificateId, ...body }, write);
  }

  @PostFact(':certificateId/suspension', 'Suspend a certificate')
  suspend(
    @Param() { bin, certificateId }: CertificatePath,
    @Body() body: SuspendCertificateRequest,
    @Write() write: WriteRequest,
  ) {
    return this.facts.record(bin, 'SuspendCertificate', { certificateId, ...body }, write);
  }

  @PostFact(':certificateId/reinstatement', 'Reinstate a suspended certificate')
  reinstate(
    @Param() { bin, certificateId }: CertificatePath,
    @Body() body: ReinstateCertificateRequest,
    @Write() write: WriteRequest,
  ) {
    return this.facts.record(bin, 'ReinstateCertificate', { certificateId, ...body }, write);
  }

  @PostFact(':certificateId/withdrawal', 'Withdraw a certificate')
  withdraw(
    @Param() { bin, certificateId }: CertificatePath,
    @Body() body: WithdrawCertificateRequest,
    @Write() write: WriteRequest,
  ) {
    return this.facts.record(bin, 'WithdrawCertificate', { certificateId, ...body }, write);
  }

  @PostFact(':certificateId/renewal', 'Renew a certificate')
  renew(
    @Param() { bin, certificateId }: CertificatePath,
    @Body() body: RenewCertificateRequest,
    @Write() write: WriteRequest,
  ) {
    return this.facts.record(bin, 'RenewCertificate', { certificateId, ...body }, write);
  }
}
