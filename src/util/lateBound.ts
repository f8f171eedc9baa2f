/**
 * A function to hand to a part that is built before the function's real
 * implementation exists (the channels are built before the bot they feed):
 * `call` may be passed on at once and works once `bind` has been called.
 */
export function lateBound<A extends unknown[], R>(
  what: string,
): { call: (...args: A) => R; bind(implementation: (...args: A) => R): void } {
  let bound: ((...args: A) => R) | undefined;
  return {
    call: (...args) => {
      if (!bound) throw new Error(`${what} is not ready yet`);
      return bound(...args);
    },
    bind: (implementation) => {
      bound = implementation;
    },
  };
}
