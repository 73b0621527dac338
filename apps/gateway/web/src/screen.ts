import type { User } from './api.js';
import type { Push } from './live.js';

/** A screen renders into `root`, reacts to live pushes, and cleans up its timers. */
export interface Screen {
  push(push: Push, ack?: () => void): void;
  /** The live connection is back after a drop: reload what pushes may have changed meanwhile. */
  reconnected(): void;
  dispose(): void;
}

export type ScreenFactory = (root: HTMLElement, user: User) => Screen;
