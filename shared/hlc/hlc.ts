/**
 * Hybrid logical clock (DESIGN §9): `WWWWWWWWWWWWWWW:CCCCC:NODE` — wall-clock ms as 15 zero-padded digits,
 * a counter as 5, the writer's node id — so comparing two encoded HLCs as strings orders them.
 * Per field last-writer-wins compares these strings; the node id breaks ties deterministically.
 */
export interface Hlc {
  wall: number;
  counter: number;
  node: string;
}

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 5;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;
const MAX_WALL = 10 ** WALL_DIGITS - 1;
const NODE_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const HLC_PATTERN = /^\d{15}:\d{5}:[A-Za-z0-9_-]{1,64}$/;

export class HlcError extends Error {}

export function encodeHlc({ wall, counter, node }: Hlc): string {
  if (!Number.isInteger(wall) || wall < 0 || wall > MAX_WALL)
    throw new HlcError(`HLC wall clock out of range: ${wall}`);
  if (!Number.isInteger(counter) || counter < 0 || counter > MAX_COUNTER)
    throw new HlcError(`HLC counter out of range: ${counter}`);
  if (!NODE_PATTERN.test(node)) throw new HlcError(`HLC node id must be 1–64 of [A-Za-z0-9_-], got "${node}"`);
  return `${String(wall).padStart(WALL_DIGITS, '0')}:${String(counter).padStart(COUNTER_DIGITS, '0')}:${node}`;
}

export function parseHlc(text: string): Hlc {
  if (!HLC_PATTERN.test(text)) throw new HlcError(`not an HLC (WWWWWWWWWWWWWWW:CCCCC:NODE): "${text.slice(0, 80)}"`);
  const [wall, counter, node] = text.split(':') as [string, string, string];
  return { wall: Number(wall), counter: Number(counter), node };
}

/** Total order of encoded HLCs: the string order is the clock order (fixed-width fields). */
export function compareHlc(a: string, b: string): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The later of two encoded HLCs (or the only one). */
export function maxHlc(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a >= b ? a : b;
}

/**
 * A clock for one node. `now()` stamps a local event; `receive(remote)` merges a remote stamp so that the
 * next local stamp sorts after it. Monotonic even when the physical clock jumps back: the wall part never
 * decreases, the counter grows instead (and carries into the wall when it would overflow).
 */
export class HybridLogicalClock {
  private last: Hlc;

  constructor(
    readonly node: string,
    private readonly physicalNow: () => number,
    last?: string,
  ) {
    if (!NODE_PATTERN.test(node)) throw new HlcError(`HLC node id must be 1–64 of [A-Za-z0-9_-], got "${node}"`);
    this.last = last ? { ...parseHlc(last), node } : { wall: 0, counter: 0, node };
  }

  now(): string {
    return this.advance(this.last.wall, this.last.counter);
  }

  receive(remote: string): string {
    const other = parseHlc(remote);
    if (other.wall > this.last.wall || (other.wall === this.last.wall && other.counter > this.last.counter)) {
      return this.advance(other.wall, other.counter);
    }
    return this.advance(this.last.wall, this.last.counter);
  }

  /** The last stamp issued, to persist and pass back to the constructor after a restart. */
  get lastIssued(): string {
    return encodeHlc(this.last);
  }

  private advance(wall: number, counter: number): string {
    const physical = Math.floor(this.physicalNow());
    let next: Hlc;
    if (physical > wall) next = { wall: physical, counter: 0, node: this.node };
    else if (counter < MAX_COUNTER) next = { wall, counter: counter + 1, node: this.node };
    else next = { wall: wall + 1, counter: 0, node: this.node };
    this.last = next;
    return encodeHlc(next);
  }
}
