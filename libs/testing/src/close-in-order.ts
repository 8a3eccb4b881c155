/** Closes what a spec started, in the order given (a robot before the master it talks to), skipping what never started. */
export async function closeInOrder(...resources: Array<{ close(): Promise<unknown> } | undefined>): Promise<void> {
  for (const resource of resources) await resource?.close();
}
