/** Units and number formats of bench:capacity's report. */
import os from 'node:os';

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;
export const kib = (bytes: number) => `${(bytes / KiB).toFixed(0)} KiB`;
export const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;
export const int = (value: number) => Math.round(value).toLocaleString('en-US');

/** Printed at the start and the end: the machine is shared, and busy neighbours move every figure. */
export const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
