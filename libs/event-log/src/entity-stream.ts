/** Every entity's facts live in one stream, keyed by its BIN. */
const PREFIX = 'entity-';

export function entityStreamId(bin: string): string {
  return PREFIX + bin;
}

export function binOfStream(streamId: string): string | undefined {
  return streamId.startsWith(PREFIX) ? streamId.slice(PREFIX.length) : undefined;
}
