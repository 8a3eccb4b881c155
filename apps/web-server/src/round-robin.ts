/** Takes each group's members in turn (a vertical's robot instances). */
export class RoundRobin<Group extends string> {
  private readonly turns = new Map<Group, number>();

  constructor(private readonly members: Record<Group, readonly string[]>) {}

  next(group: Group): string | undefined {
    const list = this.members[group];
    if (list.length === 0) return undefined;
    const turn = this.turns.get(group) ?? 0;
    this.turns.set(group, (turn + 1) % list.length);
    return list[turn % list.length];
  }
}
