/**
 * A part of the composition that another part needs before it exists: two parts that
 * call each other (access locks revoke auth's sessions, auth asks access's login guard).
 * Named here instead of a closure over a `const` declared further down, so the composition
 * root reads top to bottom and a call that comes too early fails with what was missing.
 */
export interface Late<T> {
  set(value: T): void;
  get(): T;
}

export const late = <T>(what: string): Late<T> => {
  let value: { readonly v: T } | null = null;
  return {
    set: (v) => {
      if (value) throw new Error(`${what} is wired twice`);
      value = { v };
    },
    get: () => {
      if (!value) throw new Error(`${what} is not wired yet`);
      return value.v;
    },
  };
};
