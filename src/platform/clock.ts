/** Injected time, so business rules and tests never read the system clock directly. */

/** Something that tells the current instant. */
export interface Clock {
  now(): Date
}

/** The real clock. */
export const systemClock: Clock = Object.freeze({ now: () => new Date() })

/** A clock for tests that stays where it is put. */
export class FixedClock implements Clock {
  private current: Date
  constructor(start: Date | string) {
    this.current = new Date(start)
  }
  /** The instant the clock is set to. */
  now(): Date {
    return new Date(this.current)
  }
  /** Moves the clock to an instant. */
  set(instant: Date | string): void {
    this.current = new Date(instant)
  }
  /** Moves the clock forward by some milliseconds. */
  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds)
  }
}
