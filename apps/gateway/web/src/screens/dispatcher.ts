import type { ScreenFactory } from '../screen.js';
import { h, mount } from '../dom.js';

export const dispatcherScreen: ScreenFactory = (root) => {
  mount(root, h('p', {}, 'dispatcher'));
  return { event: () => undefined, dispose: () => undefined };
};
