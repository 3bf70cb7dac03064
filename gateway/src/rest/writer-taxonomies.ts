// /api/v1/writer/taxonomies/: each site's categories and tags (list, CRUD). Deleting a category
// moves its subcategories up to its parent.
import type { Router } from 'express';
import {
  RestCreateTermDocument,
  RestDeleteTermsDocument,
  type RestTermDetailFragment,
  RestTermDocument,
  type RestTermFragment,
  RestTermsDocument,
  RestUpdateTermDocument,
} from './gql/graphql.js';
import { type Call, create, get, list, mountRoutes, type RestCased, remove, update } from './kit/routes.js';
import type { OperationRunner } from './runner.js';

const PATH = '/writer/taxonomies/';
const NOT_FOUND = 'Taxonomy term not found.';
const ORDERING = { fields: ['name', 'slug', 'created_at', 'updated_at'] };

const filterOf = (call: Call) => ({
  site_id: call.query.text('site_id'),
  taxonomy: call.query.text('taxonomy'),
  parent_id: call.query.text('parent_id'),
  top_level: call.query.bool('top_level'),
  search: call.query.text('search'),
});

/** A term as the original answered it: its parent's name beside the parent's id. */
const restTerm = ({ parent, ...term }: RestCased<RestTermFragment>) => ({
  ...term,
  parentName: parent?.name ?? null,
});

/** One term: with its subcategories. */
const restTermDetail = (term: RestCased<RestTermDetailFragment>) => ({ ...restTerm(term), children: term.children });

export function mountWriterTaxonomyRoutes(router: Router, graph: OperationRunner): void {
  mountRoutes(router, graph, [
    list({
      path: PATH,
      operation: RestTermsDocument,
      variables: (call) => ({ filter: filterOf(call), orderBy: call.query.ordering(ORDERING) }),
      item: restTerm,
    }),
    create({
      path: PATH,
      operation: RestCreateTermDocument,
      variables: (call) => ({ input: call.body }),
      answer: (data) => restTermDetail(data.createTerm),
      message: 'Term created.',
    }),
    get({
      path: `${PATH}:id/`,
      operation: RestTermDocument,
      variables: (call) => ({ id: call.params.id }),
      answer: (data) => data.term && restTermDetail(data.term),
      notFound: NOT_FOUND,
    }),
    update({
      path: `${PATH}:id/`,
      operation: RestUpdateTermDocument,
      variables: (call) => ({ input: { ...call.body, id: call.params.id } }),
      answer: (data) => restTermDetail(data.updateTerm),
      notFound: NOT_FOUND,
    }),
    remove({
      path: `${PATH}:id/`,
      operation: RestDeleteTermsDocument,
      variables: (call) => ({ input: { ids: [call.params.id] } }),
      restNames: { ids: 'id' },
      notFound: NOT_FOUND,
      found: (data) => data.deleteTerms.deletedCount > 0,
    }),
  ]);
}
