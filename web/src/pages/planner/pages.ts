// The Planner's pages: one chunk, loaded when the section is first opened (planner/section.tsx).
export { ClusterDetailPage } from './ClusterDetail';
export { ClustersPage } from './Clusters';
export { IdeasPage } from './Ideas';
export { KeywordsPage } from './Keywords';
