import type { ApiSchema } from '#api-contract';

type Profile = ApiSchema<'EntityProfile'>;

/** What a path parameter of a write may name, from the entity's profile: its certificates, declarations... */
export function pathChoices(profile: Profile, parameter: string): string[] {
  switch (parameter) {
    case 'certificateId':
      return profile.certificates.map((c) => c.certificateId);
    case 'declarationId':
      return profile.conflictsOfInterest.map((d) => d.declarationId);
    case 'giftId':
      return profile.gifts.map((g) => g.giftId);
    case 'offenceId':
      return profile.corruptionOffences.map((o) => o.offenceId);
    case 'iin':
      return profile.headsInOffice.map((h) => h.iin);
    default:
      return [];
  }
}
