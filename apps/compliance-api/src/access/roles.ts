export const ROLES = ['officer', 'registry', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
