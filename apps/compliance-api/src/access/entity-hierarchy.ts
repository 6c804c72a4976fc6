import { Injectable } from '@nestjs/common';
import { EntityProjection } from '../read-models/entity-projection.js';

const MAX_DEPTH = 16;

/** Parent links between entities (holding, national company, subsidiary), from the read models. */
@Injectable()
export class EntityHierarchy {
  constructor(private readonly entities: EntityProjection) {}

  parentOf(bin: string): string | undefined {
    let parent: string | undefined;
    for (const { event } of this.entities.load(bin)?.events ?? []) {
      if (event.type === 'EntityRegistered') parent = event.data.parentBin;
      if (event.type === 'EntityDetailsChanged' && event.data.parentBin !== undefined) parent = event.data.parentBin;
    }
    return parent;
  }

  /** Whether `bin` is one of `roots` or has one of them up its chain of parents. */
  isWithin(bin: string, roots: ReadonlySet<string>, firstParent = this.parentOf(bin)): boolean {
    if (roots.has(bin)) return true;
    let current = firstParent;
    for (let depth = 0; current !== undefined && depth < MAX_DEPTH; depth++) {
      if (roots.has(current)) return true;
      current = this.parentOf(current);
    }
    return false;
  }
}
