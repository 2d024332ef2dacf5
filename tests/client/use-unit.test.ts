import { describe, expect, it } from 'vitest';
import { chooseUnitId } from '../../src/client/kit/use-unit';
import type { TreeUnit } from '../../src/shared/domain/rollup';

const unit = (id: string, parentId: string | null, kind: TreeUnit['kind'] = 'enhet'): TreeUnit => ({ id, parentId, kind, name: id, closedAt: null });
const TREE: TreeUnit[] = [unit('region', null, 'region'), unit('vo1', 'region', 'vo'), unit('vo2', 'region', 'vo'), unit('u1', 'vo1'), unit('u2', 'vo1'), unit('u3', 'vo2')];

describe('board kit: the screen unit (kit/use-unit.ts)', () => {
  it.each([
    ['no ?unit: the caller’s own', undefined, 'vo1', TREE, 'vo1'],
    ['a unit in the subtree', 'u2', 'vo1', TREE, 'u2'],
    ['the scope itself', 'vo1', 'vo1', TREE, 'vo1'],
    ['a unit outside the subtree: the caller’s own', 'u3', 'vo1', TREE, 'vo1'],
    ['a level above: the caller’s own', 'region', 'vo1', TREE, 'vo1'],
    ['not an id at all: the caller’s own', '../x', 'vo1', TREE, 'vo1'],
    ['tree not read yet: taken as asked', 'u3', 'vo1', undefined, 'u3'],
    ['tree not read yet, no ?unit: own', undefined, 'u1', undefined, 'u1'],
  ] as const)('%s', (_name, requested, scope, tree, expected) => {
    expect(chooseUnitId(requested, scope, tree)).toBe(expected);
  });
});
