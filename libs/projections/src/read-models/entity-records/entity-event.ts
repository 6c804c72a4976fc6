import { unreadableFact, type ComplianceEvent, type IdentifiedEvent } from '#domain';
import { binOfStream, type ComplianceEventLog, type EventMetadata } from '#event-log';
import type { Position, RecordedEvent } from '#event-store';

/** An event of an entity's stream as the read side keeps it: in the current schema, with its place and time. */
export interface EntityEvent extends IdentifiedEvent {
  readonly bin: string;
  readonly revision: number;
  readonly position: Position;
  readonly recordedAt: string;
}

/** An event of an entity's stream as it arrives from the log, decoded, or why it could not be. */
export type ArrivingEvent =
  | { readonly decoded: EntityEvent; readonly prevHash: string; readonly hash: string }
  | { readonly undecodable: RecordedEvent; readonly bin: string; readonly reason: string };

/** The events of entity streams in a page of the log, brought to the current schema. */
export function arrivingEvents(page: readonly RecordedEvent[], log: ComplianceEventLog): ArrivingEvent[] {
  const arriving: ArrivingEvent[] = [];
  for (const recorded of page) {
    const bin = binOfStream(recorded.streamId);
    if (bin === undefined) continue;
    try {
      const logged = log.decode(recorded);
      const metadata = logged.metadata as Partial<EventMetadata>;
      if (typeof metadata?.recordedAt !== 'string') throw new Error('it has no recording time');
      const unreadable = unreadableFact(logged.event);
      if (unreadable !== undefined) throw new Error(unreadable);
      arriving.push({
        decoded: {
          bin,
          eventId: logged.eventId,
          revision: logged.revision,
          position: logged.position,
          recordedAt: metadata.recordedAt,
          event: logged.event as ComplianceEvent,
        },
        prevHash: typeof metadata.prevHash === 'string' ? metadata.prevHash : '',
        hash: typeof metadata.hash === 'string' ? metadata.hash : '',
      });
    } catch (error) {
      arriving.push({ undecodable: recorded, bin, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return arriving;
}
