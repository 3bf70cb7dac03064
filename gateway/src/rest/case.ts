// REST speaks snake_case and lower-case enum values; GraphQL camelCase and UPPER_CASE.

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
const ENUM_VALUE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

/**
 * Fields whose values are GraphQL enums. Only these are lower-cased: user text that happens to be
 * upper case (a site called "NASA", the time zone "UTC") is data and stays as it is.
 */
export const ENUM_FIELDS = new Set([
  'role',
  'status',
  'scopes',
  'enabledModules',
  // The planner's: keyword and seed intent, where an intent or keyword came from, idea and cluster kinds.
  'intent',
  'intentSource',
  'source',
  'contentType',
  'contextType',
]);

const lowerEnum = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(lowerEnum);
  return typeof value === 'string' && ENUM_VALUE.test(value) ? value.toLowerCase() : value;
};

/** GraphQL data → REST: snake_case keys, enum values lower-cased. */
export function toRest(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toRest);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== '__typename')
        .map(([key, v]) => [snake(key), ENUM_FIELDS.has(key) ? lowerEnum(v) : toRest(v)]),
    );
  }
  return value;
}

/** REST body → GraphQL input: camelCase keys. Enum values are converted by the caller that knows them. */
export function toGraphqlInput(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toGraphqlInput);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [camel(key), toGraphqlInput(v)]));
  }
  return value;
}

/** Field names in error maps go back to snake_case. */
export const toRestField = snake;

/** A lower-case REST enum value → the GraphQL UPPER_CASE one. */
export const enumValue = (value: unknown): unknown => (typeof value === 'string' ? value.toUpperCase() : value);
