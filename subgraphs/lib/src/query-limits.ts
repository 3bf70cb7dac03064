// Query limits, the same at the gateway and in every subgraph (whose ports are reachable too):
// graphql-armor limits depth, aliases, cost and directives and, in production, takes field
// suggestions out of errors; the rules below add field duplication and directive overloading
// (graphql-cop checks armor does not cover). graphql-js 16.15 already refuses circular
// introspection (MaxIntrospectionDepthRule is a specified rule). Each rule reports one error per
// document, before the specified rules pile up theirs.
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  type ASTVisitor,
  type DirectiveNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { z } from 'zod';

const positive = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** The limits every service reads (part of baseConfigSchema). */
export const queryLimitsConfigShape = {
  /** Query depth. */
  MAX_DEPTH: positive(12),
  /** Aliases per operation, `__typename` aliases included. */
  MAX_ALIASES: positive(15),
  /** Query cost (graphql-armor's cost analysis). */
  MAX_COST: positive(5000),
  /** Directives per operation. */
  MAX_DIRECTIVES: positive(20),
  /** How often one field may be selected in one selection set (field duplication). */
  MAX_FIELD_REPEATS: positive(20),
  /** Validation stops after this many errors: an abusive document cannot make the answer huge. */
  MAX_VALIDATION_ERRORS: positive(5),
};

export type QueryLimits = { [K in keyof typeof queryLimitsConfigShape]: number };

/** What an Apollo Server takes to apply the limits: validation rules, their plugins and options. */
export interface QueryProtection<Ctx extends object> {
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin<Ctx>[];
  validationOptions: { maxErrors: number };
}

/** The one setting of the limits: the gateway and `startSubgraph` both build their server with it. */
export function queryProtection<Ctx extends object>(limits: QueryLimits, production: boolean): QueryProtection<Ctx> {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.MAX_DEPTH },
    // `__typename` aliases count too (armor exempts them by default; graphql-cop sends 101).
    maxAliases: { n: limits.MAX_ALIASES, allowList: [] },
    costLimit: { maxCost: limits.MAX_COST },
    // Where a token limit applies, the parser enforces it (the gateway's MAX_TOKENS): no second lexer pass.
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.MAX_DIRECTIVES },
    blockFieldSuggestion: { enabled: production },
  });
  const protection = armor.protect();
  return {
    validationRules: [
      ...protection.validationRules,
      maxFieldRepeatsRule(limits.MAX_FIELD_REPEATS),
      noRepeatedDirectivesRule(),
    ],
    plugins: protection.plugins as ApolloServerPlugin<Ctx>[],
    validationOptions: { maxErrors: limits.MAX_VALIDATION_ERRORS },
  };
}

const limitError = (message: string, nodes?: GraphQLError['nodes']) =>
  new GraphQLError(message, { nodes: nodes ?? undefined, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });

/**
 * Field duplication: the same field (same response key) selected more than `limit` times in one
 * selection set, counting the fields that inline fragments and fragment spreads bring into it.
 * Repeats merge into one answer, so a legitimate client never needs many; an attacker sends
 * hundreds of `__typename` to make the server do the merge work.
 */
export function maxFieldRepeatsRule(limit: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    let reported = false;
    // Per fragment, the response keys it brings and how often: spreads are added, not re-walked,
    // so nested repeated spreads cost O(document) here, never O(expansion).
    const memo = new Map<string, Map<string, number>>();
    const inProgress = new Set<string>();
    const add = (into: Map<string, number>, from: Map<string, number>) => {
      for (const [key, n] of from) into.set(key, (into.get(key) ?? 0) + n);
    };
    const countsOf = (set: SelectionSetNode): Map<string, number> => {
      const counts = new Map<string, number>();
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          const key = selection.alias?.value ?? selection.name.value;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          add(counts, countsOf(selection.selectionSet));
        } else {
          add(counts, fragmentCounts(selection.name.value));
        }
      }
      return counts;
    };
    const fragmentCounts = (name: string): Map<string, number> => {
      const known = memo.get(name);
      if (known) return known;
      const fragment: FragmentDefinitionNode | null | undefined = context.getFragment(name);
      // Unknown fragments and cycles are other rules' to report.
      if (!fragment || inProgress.has(name)) return new Map();
      inProgress.add(name);
      const counts = countsOf(fragment.selectionSet);
      inProgress.delete(name);
      memo.set(name, counts);
      return counts;
    };
    return {
      SelectionSet(node) {
        if (reported) return;
        for (const [key, n] of countsOf(node)) {
          if (n > limit) {
            reported = true;
            context.reportError(
              limitError(
                `Field "${key}" is selected ${n} times in one selection set; the limit is ${limit}. Select each field once.`,
                [node],
              ),
            );
            return;
          }
        }
      },
    };
  };
}

/**
 * Directive overloading: one directive repeated on one field, fragment or operation
 * (graphql-cop sends `__typename @aa@aa@aa…`). Repeatable directives of the schema are exempt;
 * a known non-repeatable one is also UniqueDirectivesPerLocation's, an unknown one KnownDirectives'
 * — this reports the overload once, first, so the answer names the real problem.
 */
export function noRepeatedDirectivesRule(): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    let reported = false;
    const check = (node: { directives?: readonly DirectiveNode[] | undefined }) => {
      if (reported || !node.directives || node.directives.length < 2) return;
      const seen = new Set<string>();
      for (const directive of node.directives) {
        const name = directive.name.value;
        if (seen.has(name) && !context.getSchema().getDirective(name)?.isRepeatable) {
          reported = true;
          const times = node.directives.filter((d) => d.name.value === name).length;
          context.reportError(
            limitError(`Directive "@${name}" is repeated ${times} times on one selection; use it once.`, [
              ...node.directives,
            ]),
          );
          return;
        }
        seen.add(name);
      }
    };
    return {
      OperationDefinition: check,
      Field: check,
      FragmentSpread: check,
      InlineFragment: check,
      FragmentDefinition: check,
      VariableDefinition: check,
    };
  };
}
