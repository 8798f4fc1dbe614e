/**
 * Small checks for values that cross a process or page boundary (IPC from the runtime, postMessage from a webview):
 * they are `unknown` until one of these says otherwise.
 */
export type Guard<T> = (value: unknown) => value is T;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const isString: Guard<string> = (value): value is string => typeof value === 'string';
export const isNumber: Guard<number> = (value): value is number => typeof value === 'number';
export const isBoolean: Guard<boolean> = (value): value is boolean => typeof value === 'boolean';

export function isArrayOf<T>(guard: Guard<T>): Guard<T[]> {
  return (value): value is T[] => Array.isArray(value) && value.every((item) => guard(item));
}

export const isStringArray = isArrayOf(isString);
export const isNumberArray = isArrayOf(isNumber);

/** A record whose listed fields pass their guards (other fields are not looked at). */
export function hasFields<T>(shape: { readonly [K in keyof T]-?: Guard<T[K]> }): Guard<T> {
  return (value): value is T => isRecord(value)
    && Object.entries(shape).every(([key, guard]) => (guard as Guard<unknown>)(value[key]));
}

export function optional<T>(guard: Guard<T>): Guard<T | undefined> {
  return (value): value is T | undefined => value === undefined || guard(value);
}

export function oneOf<const T extends readonly (string | number | boolean | null)[]>(...values: T): Guard<T[number]> {
  return (value): value is T[number] => values.includes(value as T[number]);
}

/** Anything at all (for fields whose content the receiver checks later, or does not need). */
export const isUnknown: Guard<unknown> = (_value): _value is unknown => true;
