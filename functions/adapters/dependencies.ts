/**
 * The dependencies of a function that uses stores: the stores over DynamoDB are registered as
 * this module loads, then everything else is `dependencies-core.ts`'s. A handler whose route
 * grants no table imports `#adapters/dependencies-core` instead (DECISIONS.md 66).
 */
import './dynamodb/stores.ts';

export { dependencies, overrideDependencies, resetDependencies, type Dependencies } from './dependencies-core.ts';
