import TinyQueue from 'tinyqueue';
import { businessInstantOf, type DatedFact, type IdentifiedEvent } from '../facts/identified-event.js';
import {
  evolveCertificate,
  isCertificateStep,
  isValidCertificate,
  issuedCertificate,
  type CertificateState,
  type CertificateStep,
} from '../record/certificate.js';
import { declarationLife, type DeclarationLife } from '../record/declaration.js';
import { convictionOf, offenceLife, type OffenceLife } from '../record/offence.js';
import { monthsBefore } from '../time/calendar.js';
import type { Methodology } from './methodology.js';
import { scoreOfCounts, type ScoreCounts } from './points.js';
import type { Grade } from './score-card.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A fact waiting for its business date, in the order facts take effect: by date, then as recorded. */
interface Pending {
  readonly fact: DatedFact;
  readonly sequence: number;
}

/** A fact counted while it is within a window that slides forward with time. */
interface InWindow {
  readonly at: number;
  readonly leave?: () => void;
}

/**
 * An entity's score as time moves forward, kept up to date fact by fact: each event costs a
 * logarithmic amount of work, however long the history, where scoring the record from scratch
 * costs a pass over all of it. It counts exactly what `scoreFacts` counts and leaves the
 * arithmetic to the same `scoreOfCounts`; a property test holds the two equal.
 *
 * It relies on time only moving forward (`advanceTo`), and on each certificate, declaration and
 * offence having its steps dated in the order they were recorded, as the decider ensures. A
 * history that breaks that order makes it `irregular`: the caller then scores the record itself.
 */
export class ScoreTimeline {
  private instant = Number.NEGATIVE_INFINITY;
  private sequence = 0;
  private broken = false;
  private readonly pending = new TinyQueue<Pending>([], (a, b) => a.fact.at - b.fact.at || a.sequence - b.sequence);

  private complianceServices = 0;
  private readonly certificates = new Map<string, { state: CertificateState; sequence: number; version: number }>();
  private readonly validCertificates = new Map<string, { fresh: boolean }>();
  private readonly expiries = new TinyQueue<{ at: number; id: string; version: number }>([], (a, b) => a.at - b.at);
  private readonly audits = new TinyQueue<{ at: number; id: string; version: number }>([], (a, b) => a.at - b.at);
  private freshCertificates = 0;

  private readonly riskAnalyses = new SlidingWindow();
  private readonly trainings = new SlidingWindow();
  private participants = 0;
  private latestTraining?: { at: number; sequence: number; staffTotal: number };

  /** Each declaration's life (its concept's fold), and how the counts take it now. */
  private readonly declarations = new Map<
    string,
    { life: DeclarationLife; sequence: number; inTime: boolean; overdue: boolean; recent: boolean }
  >();
  private readonly recentDeclarations = new SlidingWindow();
  private settledInTime = 0;
  private overdue = 0;
  private readonly awaitingSettlement = new TinyQueue<{ at: number; id: string }>([], (a, b) => a.at - b.at);

  private readonly giftBanViolations = new SlidingWindow();
  private readonly undeclaredConflicts = new SlidingWindow();

  /** Each offence's life (its concept's fold), the earliest sanction of its head, and how the counts take it. */
  private readonly offences = new Map<
    string,
    { life?: OffenceLife; sequence: number; answered: boolean; recent: boolean; sanctionedAt?: number }
  >();
  private readonly recentConvictions = new SlidingWindow();
  private answeredConvictions = 0;

  /** The window starts of the current instant, computed once per instant. */
  private bounds?: { instant: number; value: ReturnType<ScoreTimeline['computeThresholds']> };

  constructor(private readonly methodology: Methodology) {}

  /** The instant the score is at. */
  get now(): number {
    return this.instant;
  }

  /** False once the history broke the date order this timeline relies on (see the class comment). */
  get regular(): boolean {
    return !this.broken;
  }

  /** Adds the next event of the entity; it counts once time reaches its business date. */
  add({ eventId, event }: IdentifiedEvent): void {
    const fact = { eventId, at: businessInstantOf(event), type: event.type, data: event.data } as DatedFact;
    const sequence = this.sequence++;
    // a fact already dated by now, with none waiting before it, takes effect at once
    if (fact.at <= this.instant && this.pending.length === 0) this.apply(fact, sequence);
    else this.pending.push({ fact, sequence });
    this.takeEffect();
    this.slideWindows(); // a fact dated long ago takes effect and may already be out of its window
  }

  /** Moves time forward to `instant` (never back: a caller going back starts a new timeline). */
  advanceTo(instant: number): void {
    if (instant < this.instant) throw new RangeError('A score timeline only moves forward in time');
    this.instant = instant;
    this.takeEffect();
    this.slideWindows();
  }

  /** The score and grade at the current instant. */
  score(): { score: number; grade: Grade } {
    return scoreOfCounts(this.counts(), this.methodology);
  }

  counts(): ScoreCounts {
    return {
      complianceServiceEstablished: this.complianceServices > 0,
      certificate: this.freshCertificates > 0 ? 'audited' : this.validCertificates.size > 0 ? 'audit_overdue' : 'none',
      recentRiskAnalyses: this.riskAnalyses.size,
      recentTrainings: this.trainings.size,
      recentParticipants: this.participants,
      latestStaffTotal: this.latestTraining?.staffTotal,
      recentDeclarations: this.recentDeclarations.size,
      recentDeclarationsSettledInTime: this.settledInTime,
      overdueDeclarations: this.overdue,
      recentGiftBanViolations: this.giftBanViolations.size,
      recentUndeclaredConflicts: this.undeclaredConflicts.size,
      recentConvictions: this.recentConvictions.size,
      recentConvictionsWithHeadSanctioned: this.answeredConvictions,
    };
  }

  private takeEffect(): void {
    for (
      let next = this.pending.peek();
      next !== undefined && next.fact.at <= this.instant;
      next = this.pending.peek()
    ) {
      this.pending.pop();
      this.apply(next.fact, next.sequence);
    }
  }

  private apply(fact: DatedFact, sequence: number): void {
    if (isCertificateStep(fact)) return this.certificateStep(fact, sequence);
    switch (fact.type) {
      case 'ComplianceServiceEstablished':
        this.complianceServices++;
        return;
      case 'CorruptionRiskAnalysisCompleted':
        this.riskAnalyses.enter({ at: fact.at });
        return;
      case 'AntiCorruptionTrainingCompleted': {
        const { participants, staffTotal } = fact.data;
        this.participants += participants;
        this.trainings.enter({ at: fact.at, leave: () => (this.participants -= participants) });
        const latest = this.latestTraining;
        if (latest === undefined || fact.at > latest.at || (fact.at === latest.at && sequence > latest.sequence)) {
          this.latestTraining = { at: fact.at, sequence, staffTotal };
        }
        return;
      }
      case 'ConflictOfInterestDeclared':
        return this.declared(fact, sequence);
      case 'ConflictOfInterestSettled':
        return this.settled(fact, sequence);
      case 'GiftBanViolationRecorded':
        this.giftBanViolations.enter({ at: fact.at });
        return;
      case 'UndeclaredConflictDetected':
        this.undeclaredConflicts.enter({ at: fact.at });
        return;
      case 'CorruptionOffenceRegistered': {
        const known = this.offences.get(fact.data.offenceId);
        if (known?.life) this.broken = true;
        this.offences.set(fact.data.offenceId, {
          ...(known ?? { answered: false, recent: false }),
          life: offenceLife(undefined, fact),
          sequence,
        });
        return;
      }
      case 'CorruptionOffenceConvicted':
      case 'CorruptionOffenceClosed':
        return this.decided(fact, sequence);
      case 'PersonalResponsibilitySanctionImposed':
        return this.sanctioned(fact.data.offenceId, fact.at);
      default:
        return; // not scored
    }
  }

  private certificateStep(step: CertificateStep, sequence: number): void {
    const id = step.data.certificateId;
    const known = this.certificates.get(id);
    if (step.type !== 'CertificateIssued' && (known === undefined || known.sequence > sequence)) {
      this.broken = true; // a step taking effect before the certificate's earlier steps
      return;
    }
    const state =
      step.type === 'CertificateIssued'
        ? issuedCertificate(step)
        : evolveCertificate((known as { state: CertificateState }).state, step);
    const version = (known?.version ?? 0) + 1;
    this.certificates.set(id, { state, sequence, version });
    this.leaveValid(id);
    if (isValidCertificate(state, this.instant)) {
      const fresh = state.lastAudit.at >= this.thresholds().auditFreshFrom;
      this.validCertificates.set(id, { fresh });
      if (fresh) this.freshCertificates++;
      this.expiries.push({ at: state.expiresAt, id, version });
      if (fresh) this.audits.push({ at: state.lastAudit.at, id, version });
    }
  }

  private leaveValid(id: string): void {
    const valid = this.validCertificates.get(id);
    if (valid === undefined) return;
    if (valid.fresh) this.freshCertificates--;
    this.validCertificates.delete(id);
  }

  private declared(fact: DatedFact<'ConflictOfInterestDeclared'>, sequence: number): void {
    const id = fact.data.declarationId;
    if (this.declarations.has(id)) this.broken = true;
    const declaration = {
      life: declarationLife(undefined, fact) as DeclarationLife,
      sequence,
      inTime: false,
      overdue: false,
      recent: true,
    };
    this.declarations.set(id, declaration);
    this.recentDeclarations.enter({
      at: fact.at,
      leave: () => {
        declaration.recent = false;
        if (declaration.inTime) this.settledInTime--;
      },
    });
    this.awaitingSettlement.push({ at: fact.at, id });
  }

  private settled(fact: DatedFact<'ConflictOfInterestSettled'>, sequence: number): void {
    const declaration = this.declarations.get(fact.data.declarationId);
    if (declaration === undefined || declaration.sequence > sequence || declaration.life.settlement !== undefined) {
      this.broken = true;
      return;
    }
    declaration.life = declarationLife(declaration.life, fact) as DeclarationLife;
    if (declaration.overdue) {
      declaration.overdue = false;
      this.overdue--;
    }
    const days = (fact.at - declaration.life.declared.at) / DAY_MS;
    if (declaration.recent && days <= this.methodology.conflictsOfInterest.settleWithinDays) {
      declaration.inTime = true;
      this.settledInTime++;
    }
  }

  /** A verdict or a closure: only a conviction counts, and only one outcome can come in order. */
  private decided(fact: DatedFact<'CorruptionOffenceConvicted' | 'CorruptionOffenceClosed'>, sequence: number): void {
    const offence = this.offences.get(fact.data.offenceId);
    if (!offence?.life || offence.sequence > sequence || offence.life.outcome !== undefined) {
      this.broken = true;
      return;
    }
    offence.life = offenceLife(offence.life, fact);
    const conviction = offence.life && convictionOf(offence.life);
    if (conviction === undefined) return;
    offence.recent = true;
    offence.answered = this.answers(offence.sanctionedAt, conviction.at);
    if (offence.answered) this.answeredConvictions++;
    this.recentConvictions.enter({
      at: conviction.at,
      leave: () => {
        offence.recent = false;
        if (offence.answered) this.answeredConvictions--;
      },
    });
  }

  private sanctioned(offenceId: string, at: number): void {
    const offence = this.offences.get(offenceId) ?? { sequence: -1, answered: false, recent: false };
    offence.sanctionedAt = Math.min(offence.sanctionedAt ?? at, at);
    this.offences.set(offenceId, offence);
    const conviction = offence.life && convictionOf(offence.life);
    if (conviction !== undefined && offence.recent && !offence.answered) {
      offence.answered = this.answers(offence.sanctionedAt, conviction.at);
      if (offence.answered) this.answeredConvictions++;
    }
  }

  /** Accountability shown: the head sanctioned at the latest this many days after the verdict. */
  private answers(sanctionedAt: number | undefined, convictedAt: number): boolean {
    return (
      sanctionedAt !== undefined &&
      (sanctionedAt - convictedAt) / DAY_MS <= this.methodology.integrity.sanctionWithinDays
    );
  }

  /** What time alone changes: windows slide, certificates expire and their audits age, declarations fall overdue. */
  private slideWindows(): void {
    const bounds = this.thresholds();
    this.riskAnalyses.slide(bounds.riskAnalysesFrom);
    this.trainings.slide(bounds.trainingsFrom);
    this.recentDeclarations.slide(bounds.declarationsFrom);
    this.giftBanViolations.slide(bounds.integrityFrom);
    this.undeclaredConflicts.slide(bounds.integrityFrom);
    this.recentConvictions.slide(bounds.integrityFrom);

    for (let next = this.expiries.peek(); next !== undefined && next.at <= this.instant; next = this.expiries.peek()) {
      this.expiries.pop();
      if (this.certificates.get(next.id)?.version === next.version) this.leaveValid(next.id);
    }
    for (
      let next = this.audits.peek();
      next !== undefined && next.at < bounds.auditFreshFrom;
      next = this.audits.peek()
    ) {
      this.audits.pop();
      const valid = this.validCertificates.get(next.id);
      if (valid?.fresh && this.certificates.get(next.id)?.version === next.version) {
        valid.fresh = false;
        this.freshCertificates--;
      }
    }
    const overdueAfterDays = this.methodology.conflictsOfInterest.settleWithinDays;
    for (
      let next = this.awaitingSettlement.peek();
      next !== undefined && (this.instant - next.at) / DAY_MS > overdueAfterDays;
      next = this.awaitingSettlement.peek()
    ) {
      this.awaitingSettlement.pop();
      const declaration = this.declarations.get(next.id);
      if (declaration !== undefined && declaration.life.settlement === undefined && !declaration.overdue) {
        declaration.overdue = true;
        this.overdue++;
      }
    }
  }

  private thresholds() {
    if (this.bounds?.instant !== this.instant) this.bounds = { instant: this.instant, value: this.computeThresholds() };
    return this.bounds.value;
  }

  private computeThresholds() {
    const { prevention, training, conflictsOfInterest, integrity } = this.methodology;
    const before = (months: number) =>
      this.instant === Number.NEGATIVE_INFINITY ? Number.NEGATIVE_INFINITY : monthsBefore(this.instant, months);
    return {
      auditFreshFrom: before(prevention.auditStaleAfterMonths),
      riskAnalysesFrom: before(prevention.riskAnalysisWindowMonths),
      trainingsFrom: before(training.windowMonths),
      declarationsFrom: before(conflictsOfInterest.windowMonths),
      integrityFrom: before(integrity.windowMonths),
    };
  }
}

/**
 * The facts within "the last N months": a fact enters when it takes effect and leaves for good
 * once the window's start passes its date (time only moves forward).
 */
class SlidingWindow {
  private readonly members = new TinyQueue<InWindow>([], (a, b) => a.at - b.at);

  get size(): number {
    return this.members.length;
  }

  enter(member: InWindow): void {
    this.members.push(member);
  }

  /** Lets go of the facts dated at or before `from` (windows are "after from, up to now"). */
  slide(from: number): void {
    for (let first = this.members.peek(); first !== undefined && first.at <= from; first = this.members.peek()) {
      this.members.pop();
      first.leave?.();
    }
  }
}
