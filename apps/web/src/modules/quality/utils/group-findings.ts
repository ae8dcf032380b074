import {
  GRID_QUALITY_CHECKS,
  type FeatureCollection,
  type GridQualityCheck,
  type GridQualityFinding,
  type GridQualitySeverity,
} from '@urbangrid/contracts';

export interface FindingGroup {
  check: GridQualityCheck;
  count: number;
  /** The worst severity among the group's findings. */
  severity: GridQualitySeverity;
}

/** Findings counted per check, in the order of GRID_QUALITY_CHECKS; checks with no finding left out. */
export function groupFindingsByCheck(findings: readonly GridQualityFinding[]): FindingGroup[] {
  const groups = new Map<GridQualityCheck, FindingGroup>();
  for (const finding of findings) {
    const group = groups.get(finding.check) ?? { check: finding.check, count: 0, severity: 'warning' };
    group.count += 1;
    if (finding.severity === 'error') group.severity = 'error';
    groups.set(finding.check, group);
  }
  return GRID_QUALITY_CHECKS.flatMap((check) => {
    const group = groups.get(check);
    return group ? [group] : [];
  });
}

export function countBySeverity(
  findings: readonly GridQualityFinding[],
): Readonly<Record<GridQualitySeverity, number>> {
  let error = 0;
  for (const finding of findings) if (finding.severity === 'error') error += 1;
  return { error, warning: findings.length - error };
}

/** The finding's message in the user's language (the API sends both). */
export function findingMessage(finding: GridQualityFinding, language: string): string {
  return language.startsWith('zh') ? finding.messageZh : finding.message;
}

/** A type, not an interface, so that it fits GeoJSON's `Record<string, unknown>` properties. */
export type FindingPointProperties = {
  /** Index into the report's findings, so a clicked marker finds its finding. */
  index: number;
  check: GridQualityCheck;
  severity: GridQualitySeverity;
};

/** One point feature per finding, errors last so that they are drawn above warnings. */
export function findingsToFeatures(
  findings: readonly GridQualityFinding[],
): FeatureCollection<{ type: 'Point'; coordinates: [number, number] }, FindingPointProperties> {
  const features = findings.map((finding, index) => ({
    type: 'Feature' as const,
    geometry: { type: 'Point' as const, coordinates: finding.point },
    properties: { index, check: finding.check, severity: finding.severity },
  }));
  features.sort(
    (a, b) => Number(a.properties.severity === 'error') - Number(b.properties.severity === 'error'),
  );
  return { type: 'FeatureCollection', features };
}
