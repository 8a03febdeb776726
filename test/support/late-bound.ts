// Stands for an object a beforeAll makes, so that a test file can name it once at the top:
// every property read, call and write goes to the object bound last.

export interface LateBound<T extends object> {
  /** The stand-in; using it before anything is bound throws, saying what was missing. */
  value: T;
  bind(target: T | undefined): void;
}

export function lateBound<T extends object>(what: string): LateBound<T> {
  let target: T | undefined;
  const current = (): T => {
    if (!target)
      throw new Error(`${what} is not set up (yet): its beforeAll has not run or failed`);
    return target;
  };
  const value = new Proxy({} as T, {
    get(_, key) {
      const object = current();
      const property = Reflect.get(object, key, object);
      // Methods run on the object itself, so that its private fields are there.
      return typeof property === "function" ? property.bind(object) : property;
    },
    set(_, key, property) {
      return Reflect.set(current(), key, property);
    },
    has(_, key) {
      return Reflect.has(current(), key);
    },
  });
  return {
    value,
    bind(next) {
      target = next;
    },
  };
}
