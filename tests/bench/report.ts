export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Prints measured numbers with their target and the ratio to it (< 1 is within a "≤" target). */
export function printTable(title: string, rows: [string, string, string, number | null][]): void {
  console.log(`\n${title}`);
  for (const [name, value, target, ratio] of rows) {
    const r = ratio === null ? '' : `  (${ratio.toFixed(2)} × target)`;
    console.log(`  ${name.padEnd(44)} ${value.padStart(14)}  ${target.padEnd(10)}${r}`);
  }
}
