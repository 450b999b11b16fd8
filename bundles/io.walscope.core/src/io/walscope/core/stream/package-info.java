/** Walscope core: stream. */
package io.walscope.core.stream;
