export { indexSearchBatch, searchIndexLag } from "./index-batch.js";
export {
  startSearchIndexer,
  type SearchIndexer,
  type SearchIndexerOptions,
} from "./search-indexer.js";
