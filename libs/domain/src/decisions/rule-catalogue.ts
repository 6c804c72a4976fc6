/**
 * Every rule the decider enforces, by its stable name: the `type` of the problem a client
 * receives (`urn:compliance-engine:problem:<name>`), and the rows of the rules table in
 * docs/API.md (generated from this catalogue and checked against it by a test).
 *
 * - `not_found`: the command names the entity, or a part of it (certificate, declaration,
 *   gift, offence, head), that was never recorded;
 * - `conflict`: what is recorded makes the command impossible;
 * - `invalid`: the command contradicts itself, in the field the violation names.
 */
export const RULE_CATALOGUE = {
  'entity-not-registered': { kind: 'not_found', title: 'No entity is registered with this BIN' },
  'entity-already-registered': { kind: 'conflict', title: 'The BIN is already registered' },
  'entity-own-parent': { kind: 'invalid', title: 'An entity cannot be its own parent' },
  'nothing-to-change': { kind: 'invalid', title: 'A change of details names no detail' },
  'head-already-in-office': { kind: 'conflict', title: 'The person is already a head in office' },
  'head-not-in-office': { kind: 'not_found', title: 'No head in office has this IIN' },
  'certificate-already-issued': { kind: 'conflict', title: 'A certificate with this id is already recorded' },
  'certificate-not-found': { kind: 'not_found', title: 'No certificate with this id is recorded' },
  'certificate-withdrawn': {
    kind: 'conflict',
    title: 'The certificate was withdrawn: no audit, suspension, reinstatement, renewal or second withdrawal',
  },
  'certificate-already-suspended': { kind: 'conflict', title: 'The certificate is already suspended' },
  'certificate-not-suspended': { kind: 'conflict', title: 'Only a suspended certificate can be reinstated' },
  'expiry-not-after-issue': { kind: 'invalid', title: 'A certificate must expire after it is issued' },
  'expiry-not-after-renewal': { kind: 'invalid', title: 'A renewed certificate must expire after the renewal' },
  'renewal-does-not-extend': { kind: 'conflict', title: 'A renewal must extend the validity' },
  'declaration-already-recorded': { kind: 'conflict', title: 'A declaration with this id is already recorded' },
  'declaration-not-found': { kind: 'not_found', title: 'No declaration with this id is recorded' },
  'declaration-already-settled': { kind: 'conflict', title: 'The declaration is already settled' },
  'gift-already-reported': { kind: 'conflict', title: 'A gift with this id is already recorded' },
  'gift-not-found': { kind: 'not_found', title: 'No gift with this id is recorded' },
  'gift-already-handed-over': { kind: 'conflict', title: 'The gift was already handed over' },
  'offence-already-registered': { kind: 'conflict', title: 'An offence with this id is already registered' },
  'offence-not-found': { kind: 'not_found', title: 'No offence with this id is registered' },
  'offence-not-open': { kind: 'conflict', title: 'The offence case is closed: a conviction or a closure ends it' },
  'sanction-already-imposed': { kind: 'conflict', title: 'A sanction with this id is already recorded' },
  'sanction-for-unknown-offence': {
    kind: 'conflict',
    title: 'The sanction names an offence this entity never registered',
  },
  'participants-exceed-staff': { kind: 'invalid', title: 'A training cannot have more participants than staff' },
  'impossible-date-order': {
    kind: 'conflict',
    title: 'The fact is dated before the fact it follows',
  },
  'event-not-found': {
    kind: 'not_found',
    title: "No event with this id is in the entity's record",
  },
  'fact-not-correctable': {
    kind: 'conflict',
    title:
      "An entity's registration, a retraction and a correction are not retracted or corrected (details change through PATCH)",
  },
  'fact-already-retracted': {
    kind: 'conflict',
    title: 'The fact was retracted: it is not retracted or corrected again',
  },
  'fact-has-dependents': {
    kind: 'conflict',
    title: 'Later facts depend on this one (`dependents` lists them): retract those first',
  },
  'identifier-cannot-change': {
    kind: 'invalid',
    title: "A correction keeps the fact's own identifiers (certificate, declaration, gift, offence, sanction, head)",
  },
  'parent-cycle': {
    kind: 'conflict',
    title: 'The parent would make a cycle of holdings (an entity under itself, at any depth)',
  },
} as const satisfies Record<string, { readonly kind: ViolationKind; readonly title: string }>;

export type ViolationKind = 'not_found' | 'conflict' | 'invalid';

/** The name of a rule of the record: a closed set, one entry of the catalogue each. */
export type RuleName = keyof typeof RULE_CATALOGUE;

export const RULE_NAMES = Object.keys(RULE_CATALOGUE) as RuleName[];
