import type { User } from './api.js';

/** A screen renders into `root`, reacts to live events, and cleans up its timers. */
export interface Screen {
  event(name: string, payload: Record<string, unknown>, ack?: () => void): void;
  dispose(): void;
}

export type ScreenFactory = (root: HTMLElement, user: User) => Screen;
