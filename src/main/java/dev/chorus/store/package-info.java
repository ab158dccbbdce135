/** The SQLite schema, its migrations, every SQL statement and the transactions around them. */
package dev.chorus.store;
