import { ProblemError } from '../http/problem-details/problem.js';

export function entityNotFound(bin: string, detail = `No entity is registered with BIN ${bin}`): ProblemError {
  return new ProblemError(404, 'entity-not-registered', 'Entity not registered', detail);
}
