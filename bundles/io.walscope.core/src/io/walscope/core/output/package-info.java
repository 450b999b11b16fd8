/** Walscope core: append-only, exactly-once output files under a checkpoint sidecar. */
package io.walscope.core.output;
