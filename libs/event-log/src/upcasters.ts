import type { ComplianceEventType } from '#domain';

/** Turns the data of one schema version into the data of the next. */
export type Upcaster = (data: Readonly<Record<string, unknown>>) => Record<string, unknown>;

/**
 * Old events are never rewritten: they are stored as written, and brought to the current
 * schema on every read by a chain of upcasters, one step per version. Writers always stamp
 * the current version.
 */
export class UpcasterRegistry {
  private readonly steps = new Map<string, Map<number, Upcaster>>();

  /** Registers the step from `fromVersion` to `fromVersion + 1` of an event type. */
  register(type: ComplianceEventType, fromVersion: number, upcaster: Upcaster): this {
    const steps = this.steps.get(type) ?? new Map<number, Upcaster>();
    if (steps.has(fromVersion)) throw new Error(`${type} already has an upcaster from version ${fromVersion}`);
    this.steps.set(type, steps.set(fromVersion, upcaster));
    return this;
  }

  /** The schema version writers stamp on new events of this type. */
  currentVersion(type: string): number {
    const steps = this.steps.get(type);
    return steps === undefined ? 1 : Math.max(...steps.keys()) + 1;
  }

  /** The data of an event stored at `version`, in the current schema. */
  upcast(type: string, version: number, data: unknown): unknown {
    const current = this.currentVersion(type);
    if (version > current) {
      throw new Error(`${type} version ${version} is newer than this build understands (${current})`);
    }
    let upcast = data as Record<string, unknown>;
    for (let from = version; from < current; from++) {
      const step = this.steps.get(type)?.get(from);
      if (!step) throw new Error(`${type} has no upcaster from version ${from}`);
      upcast = step(upcast);
    }
    return upcast;
  }
}

/**
 * CertificateIssued v1 named the standard and its edition in one code (`ISO_37001_2016`,
 * `ISO_37001_2025`, `ST_RK_3049`); v2 keeps the standard (`ISO_37001`, `ST_RK_3049`) and the
 * edition apart, so ISO 37001:2025 certificates need no new code.
 */
export const certificateIssuedV1ToV2: Upcaster = ({ standard, ...rest }) => {
  const match = /^(ISO_37001)_(\d{4})$/.exec(String(standard));
  return match ? { ...rest, standard: match[1], edition: match[2] } : { ...rest, standard };
};

export function complianceUpcasters(): UpcasterRegistry {
  return new UpcasterRegistry().register('CertificateIssued', 1, certificateIssuedV1ToV2);
}
