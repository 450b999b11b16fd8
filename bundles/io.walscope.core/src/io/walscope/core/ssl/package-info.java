/** Walscope core: ssl. */
package io.walscope.core.ssl;
