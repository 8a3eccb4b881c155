import type { SchemaVersions } from '@helix/db';

/** `base 3 · carros 2`; a backup made before the base series records a single number (`v3`). */
export const describeVersions = (versions: SchemaVersions | number): string =>
  typeof versions === 'number'
    ? `v${versions}`
    : Object.entries(versions)
        .map(([series, version]) => `${series} ${version}`)
        .join(' · ');
