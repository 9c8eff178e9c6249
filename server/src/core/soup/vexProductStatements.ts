/**
 * A VEX statement about the product itself (docs/vulnerabilities.md, Where VEX comes from):
 * OpenVEX and CycloneDX let a statement name only the product — "our device software is
 * not affected by CVE-X" — without listing the component that carries the vulnerability.
 * Such a statement is about every package of the product the advisory names, so its
 * products are widened to all (an empty list). A statement that names a package (or a
 * product's subcomponents) keeps its list.
 */
import type { Ecosystem } from './dependency';
import { productMatches } from './vexCheck';
import { VexStatement } from './vexStatement';

/** The workspace's own projects: a manifest's `project` with its ecosystem. */
export interface OwnProject {
  name: string;
  version?: string;
  ecosystem: Ecosystem;
}

/** `statements`, each one whose every product is one of `projects` made about every package (see the module comment). */
export function widenProductStatements(
  statements: readonly VexStatement[],
  projects: readonly OwnProject[],
): VexStatement[] {
  if (projects.length === 0) return [...statements];
  const isProject = (product: string) =>
    projects.some((p) => productMatches(product, { package: p.name, ecosystem: p.ecosystem, version: p.version }));
  return statements.map((s) => (s.products.length > 0 && s.products.every(isProject) ? { ...s, products: [] } : s));
}
