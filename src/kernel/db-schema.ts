/**
 * The database's tables, assembled by declaration merging: each module's store declares
 * `declare module '../../kernel/db-schema.js' { interface Database { my_table: MyTable } }`.
 * Times are integer milliseconds since the epoch; booleans are 0/1 integers (both databases).
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging
export interface Database {}
