import { describe, expect, it } from '@jest/globals';
import type { ApiSchema } from '#api-contract';
import { holdingTrees, type TreeNode } from '../src/pages/entities/holding-tree';

const item = (bin: string, name: string, parentBin: string | null): ApiSchema<'RegisterListItem'> => ({
  bin,
  name,
  parentBin,
  sector: null,
  region: null,
  score: 70,
  grade: 'B',
  certified: false,
  clearWave: false,
  ratedAt: '2025-01-01T00:00:00.000Z',
});
const shape = (nodes: readonly TreeNode[]): unknown[] => nodes.map((n) => [n.item.name, shape(n.children)]);

describe('holdings as trees', () => {
  it('puts each subsidiary under its holding at any depth, by name; an entity whose parent is elsewhere starts a tree', () => {
    const trees = holdingTrees([
      item('3', 'Rail Freight', '1'),
      item('1', 'National Rail', null),
      item('4', 'Wagon Repair', '3'),
      item('2', 'Airports', '9'), // its holding is not among them
      item('5', 'Rail Passenger', '1'),
    ]);
    expect(shape(trees)).toEqual([
      ['Airports', []],
      [
        'National Rail',
        [
          ['Rail Freight', [['Wagon Repair', []]]],
          ['Rail Passenger', []],
        ],
      ],
    ]);
  });

  it('never loops on a cycle it is handed', () => {
    const trees = holdingTrees([item('1', 'A', '2'), item('2', 'B', '1')]);
    expect(trees).toEqual([]); // neither is a root: a cycle has no top, and nothing is drawn twice
  });
});
