/** Walscope core: profile. */
package io.walscope.core.profile;
