/** Arranging units as a tree for pages: children under parents, siblings in Vietnamese order. */
import type { Unit } from '../unit.ts'

/** A unit with its children, for nested lists. */
export interface UnitNode {
  readonly unit: Unit
  readonly depth: number
  readonly children: UnitNode[]
}

// Vietnamese collation: "Ă", "Â", "Đ" sort after their base letters, as readers expect.
const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true })

/**
 * Builds the forest of the given units: a unit whose parent is not among them becomes a root
 * (so an admin of one ward sees that ward at the top). Siblings are sorted by name.
 */
export function buildUnitTree(units: readonly Unit[]): UnitNode[] {
  const ids = new Set(units.map((u) => u.id))
  const byParent = new Map<number | null, Unit[]>()
  for (const unit of units) {
    const parent = unit.parentId !== null && ids.has(unit.parentId) ? unit.parentId : null
    const list = byParent.get(parent) ?? []
    list.push(unit)
    byParent.set(parent, list)
  }
  const grow = (parent: number | null, depth: number): UnitNode[] =>
    (byParent.get(parent) ?? [])
      .sort((a, b) => collator.compare(a.name, b.name))
      .map((unit) => ({ unit, depth, children: grow(unit.id, depth + 1) }))
  return grow(null, 0)
}

/** The tree flattened in reading order, each unit with its depth (for indented select options). */
export function flattenUnitTree(nodes: readonly UnitNode[]): { unit: Unit; depth: number }[] {
  return nodes.flatMap((node) => [{ unit: node.unit, depth: node.depth }, ...flattenUnitTree(node.children)])
}

/** A select option's label showing the unit's depth with dashes, since options cannot be styled. */
export function indentedName(name: string, depth: number): string {
  return depth === 0 ? name : `${'— '.repeat(depth)}${name}`
}

/** Folds Vietnamese text for matching: no marks, "đ" as "d", lower case ("Đặng" matches "dang"). */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase()
}
