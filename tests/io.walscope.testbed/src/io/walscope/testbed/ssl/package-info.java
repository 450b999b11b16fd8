/** SSL material for tests. */
package io.walscope.testbed.ssl;
