/** Walscope core: check. */
package io.walscope.core.check;
