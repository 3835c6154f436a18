import type { Leases } from '../../src/processing/leader-loop';

/** Leases within one process, for unit specs of the runtime; `giveTo` plays the other processes. */
export class InMemoryLeases implements Leases {
  private readonly holders = new Map<string, string>();

  constructor(private readonly holderId: string = 'this-process') {}

  async tryAcquire(name: string): Promise<boolean> {
    const holder = this.holders.get(name) ?? this.holderId;
    this.holders.set(name, holder);
    return holder === this.holderId;
  }

  isHeld(name: string): boolean {
    return this.holders.get(name) === this.holderId;
  }

  async release(name: string): Promise<void> {
    if (this.isHeld(name)) this.holders.delete(name);
  }

  /** As if another process held `name` (it then stands by) or, with null, nobody did. */
  giveTo(name: string, holderId: string | null): void {
    if (holderId === null) this.holders.delete(name);
    else this.holders.set(name, holderId);
  }
}
