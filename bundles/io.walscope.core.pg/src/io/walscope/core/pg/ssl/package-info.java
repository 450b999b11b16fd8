/** PostgreSQL access: ssl. */
package io.walscope.core.pg.ssl;
