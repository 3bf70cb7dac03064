// REST speaks snake_case names and lower-case enum values; GraphQL camelCase and UPPER_CASE.
// Which values are enums is read from the schema's types for each operation, once, when its route
// is declared: a converter per variable (REST → GraphQL) and one for the answer (GraphQL → REST).
// User text that happens to be upper case (a site called "NASA", the time zone "UTC") is data,
// not an enum, and stays as it is.
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  typeFromAST,
} from 'graphql';

export const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

type Convert = (value: unknown) => unknown;
const same: Convert = (value) => value;

const eachOf =
  (convert: Convert): Convert =>
  (value) =>
    Array.isArray(value) ? value.map(convert) : convert(value);

const upper: Convert = (value) => (typeof value === 'string' ? value.toUpperCase() : value);
const lower: Convert = (value) => (typeof value === 'string' ? value.toLowerCase() : value);

/**
 * REST value → GraphQL value of `type`: object keys camelCased, enum values upper-cased, fields the
 * input type does not have dropped (a REST body may carry the resource's read-only fields back).
 * Scalars, JSON included, pass as they are.
 */
function inputConverter(type: GraphQLInputType, seen = new Map<string, Convert>()): Convert {
  const named = getNamedType(type);
  if (isEnumType(named)) return eachOf(upper);
  if (!isInputObjectType(named)) return same;
  const known = seen.get(named.name);
  if (known) return known;
  const fields = new Map<string, Convert>();
  const convert: Convert = eachOf((value) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const name = camel(key);
      const field = fields.get(name);
      if (field && v !== undefined) out[name] = v === null ? null : field(v);
    }
    return out;
  });
  seen.set(named.name, convert);
  for (const field of Object.values(named.getFields())) fields.set(field.name, inputConverter(field.type, seen));
  return convert;
}

/** Which answer fields hold enums, by response key; undefined where nothing below needs converting. */
interface OutputTree {
  enum?: true;
  fields?: Map<string, OutputTree>;
}

function outputTree(
  schema: GraphQLSchema,
  type: GraphQLOutputType,
  selectionSet: SelectionSetNode | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
): OutputTree | undefined {
  let named = type;
  while (isNonNullType(named) || isListType(named)) named = named.ofType;
  if (isEnumType(named)) return { enum: true };
  if (!selectionSet || !(isObjectType(named) || isInterfaceType(named))) return undefined;
  const fields = new Map<string, OutputTree>();
  const visit = (set: SelectionSetNode, parent: typeof named) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!(isObjectType(parent) || isInterfaceType(parent))) continue;
        const field = parent.getFields()[selection.name.value];
        if (!field) continue;
        const tree = outputTree(schema, field.type, selection.selectionSet, fragments);
        if (tree) fields.set(selection.alias?.value ?? selection.name.value, tree);
      } else {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
        if (!fragment) continue;
        const condition = fragment.typeCondition && schema.getType(fragment.typeCondition.name.value);
        visit(fragment.selectionSet, (condition as typeof named | undefined) ?? parent);
      }
    }
  };
  visit(selectionSet, named);
  return fields.size ? { fields } : undefined;
}

function outputConverter(tree: OutputTree): Convert {
  if (tree.enum) return eachOf(lower);
  const fields = [...tree.fields!].map(([key, child]) => [key, outputConverter(child)] as const);
  return eachOf((value) => {
    if (!value || typeof value !== 'object') return value;
    const out: Record<string, unknown> = { ...value };
    for (const [key, convert] of fields) if (out[key] != null) out[key] = convert(out[key]);
    return out;
  });
}

export interface OperationCasing {
  /** REST-named variables (lower-case enums, snake_case keys) → the operation's GraphQL variables. */
  variables(rest: Record<string, unknown>): Record<string, unknown>;
  /** The operation's data with its enum values lower-cased; names stay camelCase for the envelope. */
  answer(data: unknown): unknown;
  /** The fields (camelCase) of the input object type a variable takes; empty for any other type. */
  inputFields(variable: string): ReadonlySet<string>;
}

/** Built once per operation document, when its route is declared. */
export function operationCasing(schema: GraphQLSchema, document: DocumentNode): OperationCasing {
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation) throw new Error('a REST route names a document without an operation');
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const variables = new Map<string, Convert>();
  const inputFields = new Map<string, ReadonlySet<string>>();
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    if (!type)
      throw new Error(`${operation.name?.value}: $${definition.variable.name.value} has no type in the schema`);
    variables.set(definition.variable.name.value, inputConverter(type));
    const named = getNamedType(type);
    inputFields.set(
      definition.variable.name.value,
      new Set(isInputObjectType(named) ? Object.keys(named.getFields()) : []),
    );
  }
  const root = schema.getRootType(operation.operation);
  if (!root) throw new Error(`the schema has no ${operation.operation} type`);
  const tree = outputTree(schema, root, operation.selectionSet, fragments);
  const answer = tree ? outputConverter(tree) : same;
  return {
    variables(rest) {
      const out: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(rest)) {
        const convert = variables.get(name);
        if (convert && value !== undefined) out[name] = value === null ? null : convert(value);
      }
      return out;
    },
    answer,
    inputFields: (variable) => inputFields.get(variable) ?? new Set(),
  };
}

/** Field names in error maps go back to snake_case. */
export const toRestField = snake;

/** GraphQL-named data → REST names: snake_case keys, `__typename` left out. Values stay as they are. */
export function toRestNames(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toRestNames);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) if (key !== '__typename') out[snake(key)] = toRestNames(v);
    return out;
  }
  return value;
}
