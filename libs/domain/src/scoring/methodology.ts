/**
 * A scoring methodology is policy, not law: every weight, window and threshold of PRODUCT.md
 * section 4 is data here, versioned, so a change of policy is a new version and every score
 * says which version produced it.
 */
export interface Methodology {
  readonly version: string;
  readonly prevention: {
    readonly max: number;
    readonly complianceService: number;
    readonly validCertificate: number;
    /** Points for a valid certificate whose last audit is older than `auditStaleAfterMonths`. */
    readonly validCertificateStaleAudit: number;
    readonly auditStaleAfterMonths: number;
    readonly recentRiskAnalysis: number;
    readonly riskAnalysisWindowMonths: number;
  };
  readonly training: {
    readonly max: number;
    readonly windowMonths: number;
  };
  readonly conflictsOfInterest: {
    readonly max: number;
    readonly windowMonths: number;
    readonly settleWithinDays: number;
    readonly penaltyPerOverdueDeclaration: number;
  };
  readonly integrity: {
    readonly max: number;
    readonly windowMonths: number;
    readonly perGiftBanViolation: number;
    readonly perUndeclaredConflict: number;
    readonly perConviction: number;
    /** A conviction whose head was sanctioned within `sanctionWithinDays` of it costs this instead. */
    readonly perConvictionWithHeadSanctioned: number;
    readonly sanctionWithinDays: number;
  };
  readonly flags: {
    readonly certificateWithdrawnWindowMonths: number;
    readonly recentWindowMonths: number;
    readonly accountabilityGapAfterDays: number;
  };
  readonly grades: { readonly A: number; readonly B: number; readonly C: number };
  readonly clearWave: {
    readonly minimumScore: number;
    readonly cleanRecordWindowMonths: number;
  };
}

/** Methodology v1: the defaults of PRODUCT.md section 4. */
export const METHODOLOGY_V1: Methodology = {
  version: 'v1',
  prevention: {
    max: 40,
    complianceService: 10,
    validCertificate: 25,
    validCertificateStaleAudit: 10,
    auditStaleAfterMonths: 15,
    recentRiskAnalysis: 5,
    riskAnalysisWindowMonths: 12,
  },
  training: { max: 10, windowMonths: 12 },
  conflictsOfInterest: { max: 20, windowMonths: 36, settleWithinDays: 30, penaltyPerOverdueDeclaration: 5 },
  integrity: {
    max: 30,
    windowMonths: 36,
    perGiftBanViolation: 10,
    perUndeclaredConflict: 10,
    perConviction: 15,
    perConvictionWithHeadSanctioned: 8,
    sanctionWithinDays: 90,
  },
  flags: { certificateWithdrawnWindowMonths: 12, recentWindowMonths: 36, accountabilityGapAfterDays: 90 },
  grades: { A: 85, B: 70, C: 50 },
  clearWave: { minimumScore: 70, cleanRecordWindowMonths: 12 },
};

/**
 * Checks a methodology read from a file: the same shape as v1, every number finite and not
 * negative, grades in order. Returns the problems, one per line; none means valid.
 */
export function methodologyProblems(candidate: unknown): string[] {
  const problems: string[] = [];
  const walk = (template: unknown, value: unknown, path: string): void => {
    if (typeof template === 'number') {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        problems.push(`${path} must be a number of at least 0`);
      } else if (/(Days|Months)$/.test(path) && !Number.isInteger(value)) {
        // periods are whole days and calendar months (registerViewStableUntil relies on it)
        problems.push(`${path} must be a whole number`);
      }
      return;
    }
    if (typeof template === 'string') {
      if (typeof value !== 'string' || value.trim() === '') problems.push(`${path} must be a non-empty string`);
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push(`${path} must be an object`);
      return;
    }
    for (const key of Object.keys(template as object)) {
      walk(
        (template as Record<string, unknown>)[key],
        (value as Record<string, unknown>)[key],
        path ? `${path}.${key}` : key,
      );
    }
    for (const key of Object.keys(value)) {
      if (!(key in (template as object)))
        problems.push(`${path ? `${path}.` : ''}${key} is not a setting of the methodology`);
    }
  };
  walk(METHODOLOGY_V1, candidate, '');
  if (problems.length === 0) {
    const { A, B, C } = (candidate as Methodology).grades;
    if (!(A > B && B > C)) problems.push('grades must be ordered: A > B > C');
    const { version } = candidate as Methodology;
    if (version === METHODOLOGY_V1.version && !sameSettings(candidate, METHODOLOGY_V1)) {
      problems.push(`version ${version} names the built-in methodology; give a changed methodology a new version`);
    }
  }
  return problems;
}

/** Two methodology documents with the same settings, whatever the order of their keys. */
function sameSettings(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => sameSettings((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}
