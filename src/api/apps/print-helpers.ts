// printers.go's layoutContainerCells, shared by every workload printer (CONTAINERS and IMAGES).
import type { Container } from '../core/pod/schema.js';

/** layoutContainerCells: container names and images, each joined with ",". */
export function layoutContainerCells(containers: readonly Pick<Container, 'name' | 'image'>[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}
