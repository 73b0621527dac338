import type { ScreenFactory } from '../screen.js';
import { h, mount } from '../dom.js';

export const gpScreen: ScreenFactory = (root) => {
  mount(root, h('p', {}, 'gp'));
  return { event: () => undefined, dispose: () => undefined };
};
