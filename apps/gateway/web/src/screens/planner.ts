import type { ScreenFactory } from '../screen.js';
import { h, mount } from '../dom.js';

export const plannerScreen: ScreenFactory = (root) => {
  mount(root, h('p', {}, 'planner'));
  return { event: () => undefined, dispose: () => undefined };
};
