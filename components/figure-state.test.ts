import { describe, expect, it } from 'vitest';
import { nextState, type FigureEvent, type FigureState } from './figure-state.ts';

describe('figure state machine', () => {
  it('follows the life of a figure: mount, ready, run, finish, rerun, diverge, fail, retry', () => {
    const path: [FigureEvent, FigureState][] = [
      ['mount', 'loading'],
      ['ready', 'ready'],
      ['run', 'running'],
      ['run', 'running'],
      ['finish', 'done'],
      ['run', 'running'],
      ['diverge', 'diverged'],
      ['run', 'running'],
      ['fail', 'error'],
      ['retry', 'running'],
      ['finish', 'done'],
    ];
    let s: FigureState = 'static';
    for (const [e, want] of path) expect((s = nextState(s, e))).toBe(want);
  });
  it('rejects events out of order', () => {
    expect(() => nextState('ready', 'finish')).toThrow(/not allowed/);
    expect(() => nextState('static', 'run')).toThrow(/not allowed/);
    expect(() => nextState('done', 'diverge')).toThrow(/not allowed/);
  });
});
