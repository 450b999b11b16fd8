/** Walscope core: conn. */
package io.walscope.core.conn;
