/** PostgreSQL access: catalog. */
package io.walscope.core.pg.catalog;
