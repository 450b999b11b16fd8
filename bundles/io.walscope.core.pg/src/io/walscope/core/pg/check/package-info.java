/** PostgreSQL access: check. */
package io.walscope.core.pg.check;
