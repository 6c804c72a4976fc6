import { recordEntries, unreadableFact } from '#domain';
import { GENESIS_HASH } from '#event-log';
import type { Logger } from '../../runner/projection-runner.js';
import type { ArrivingEvent, EntityEvent } from './entity-event.js';
import type { EntityRecordsModel } from './entity-records.model.js';
import type { Quarantine, QuarantineCode, QuarantineRegister } from './quarantine.js';

/**
 * Admits the events that continue each entity's stream where the read models left it: the
 * next revision, chained to the hash before it. An event that does not (an event of the log
 * removed, replaced or damaged) sets its entity aside, by name, and every later event of that
 * entity is skipped; the other entities go on as if nothing happened.
 */
export function admitContinuing(
  arriving: readonly ArrivingEvent[],
  records: EntityRecordsModel,
  quarantine: QuarantineRegister,
  logger: Logger,
): { admitted: EntityEvent[]; lastHashes: Map<string, string> } {
  const admitted: EntityEvent[] = [];
  const lastHashes = new Map<string, string>();
  const streams = new Map<string, { revision: number; hash: string }>();
  const setAside = (bin: string, code: QuarantineCode, revision: number, position: string, detail: string) => {
    const entry: Quarantine = {
      bin,
      code,
      revision,
      position: position as Quarantine['position'],
      detail,
      detectedAt: new Date().toISOString(),
    };
    quarantine.add(entry);
    logger.error(`Entity ${bin} set aside (${code} at revision ${revision}, position ${position}): ${detail}`);
  };

  for (const event of arriving) {
    const bin = 'decoded' in event ? event.decoded.bin : event.bin;
    if (quarantine.of(bin)) continue;
    if ('undecodable' in event) {
      const { revision, position } = event.undecodable;
      setAside(bin, 'undecodable-event', revision, position, `The event cannot be read: ${event.reason}`);
      continue;
    }
    const { decoded, prevHash, hash } = event;
    const last = streams.get(bin) ?? records.last(bin) ?? { revision: -1, hash: GENESIS_HASH };
    if (decoded.revision <= last.revision) {
      setAside(
        bin,
        'revision-reused',
        decoded.revision,
        decoded.position,
        `Event ${decoded.eventId} arrived at revision ${decoded.revision}, which the entity already had (it was at ${last.revision}): an event was removed from the log and another took its place`,
      );
      continue;
    }
    if (decoded.revision > last.revision + 1) {
      setAside(
        bin,
        'revision-skipped',
        decoded.revision,
        decoded.position,
        `Event ${decoded.eventId} arrived at revision ${decoded.revision} after revision ${last.revision}: the events between are missing from the log`,
      );
      continue;
    }
    if (prevHash !== last.hash) {
      setAside(
        bin,
        'chain-broken',
        decoded.revision,
        decoded.position,
        `Event ${decoded.eventId} is not chained to the event before it (its previous hash differs)`,
      );
      continue;
    }
    const uncorrectable = unreadableCorrection(decoded, admitted, records);
    if (uncorrectable !== undefined) {
      setAside(
        bin,
        'undecodable-event',
        decoded.revision,
        decoded.position,
        `The correction cannot be read: ${uncorrectable}`,
      );
      continue;
    }
    streams.set(bin, { revision: decoded.revision, hash });
    lastHashes.set(bin, hash);
    admitted.push(decoded);
  }
  return { admitted, lastHashes };
}

/**
 * Why a correction's data cannot be read as the fact it corrects (whose type the data takes), or
 * `undefined`; an event that is no correction, or corrects nothing known, has nothing to check.
 */
function unreadableCorrection(
  event: EntityEvent,
  admitted: readonly EntityEvent[],
  records: EntityRecordsModel,
): string | undefined {
  if (event.event.type !== 'FactCorrected') return undefined;
  const { correctedEventId, data } = event.event.data;
  const inBatch = admitted.find((e) => e.bin === event.bin && e.eventId === correctedEventId);
  const history = inBatch === undefined ? records.load(event.bin) : undefined;
  const target =
    inBatch?.event ?? (history && recordEntries(history.record).find((e) => e.eventId === correctedEventId)?.recorded);
  return target === undefined ? undefined : unreadableFact({ type: target.type, data });
}
