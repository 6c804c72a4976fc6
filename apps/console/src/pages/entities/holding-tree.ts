import type { ApiSchema } from '#api-contract';

type Item = ApiSchema<'RegisterListItem'>;

export interface TreeNode {
  readonly item: Item;
  readonly children: readonly TreeNode[];
}

/**
 * The holdings as trees: each listed entity at the top, its subsidiaries under it, at any depth,
 * by name. An entity whose parent is not among the items starts a tree of its own.
 */
export function holdingTrees(items: readonly Item[]): TreeNode[] {
  const byBin = new Map(items.map((item) => [item.bin, item]));
  const childrenOf = new Map<string, Item[]>();
  for (const item of items) {
    if (item.parentBin === null || !byBin.has(item.parentBin) || item.parentBin === item.bin) continue;
    childrenOf.set(item.parentBin, [...(childrenOf.get(item.parentBin) ?? []), item]);
  }
  const byName = (a: Item, b: Item) => a.name.localeCompare(b.name);
  const grow = (item: Item, seen: ReadonlySet<string>): TreeNode => ({
    item,
    children: (childrenOf.get(item.bin) ?? [])
      .filter((child) => !seen.has(child.bin))
      .sort(byName)
      .map((child) => grow(child, new Set([...seen, child.bin]))),
  });
  return items
    .filter((item) => item.parentBin === null || !byBin.has(item.parentBin))
    .sort(byName)
    .map((item) => grow(item, new Set([item.bin])));
}
