/** Walscope core: types. */
package io.walscope.core.types;
