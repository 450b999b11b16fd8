/** PostgreSQL access: stream. */
package io.walscope.core.pg.stream;
